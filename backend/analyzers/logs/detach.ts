// V8 cuts a substring of 13 characters or more as a view into the string it came from, which then
// stays alive as long as the piece does: a template founded by a 1 MB line would hold the whole
// line, and a miner's bounds on templates and cached tokens would not bound its memory. What a
// miner keeps beyond the line it is mining is copied out first.

const VIEW_MIN_LENGTH = 13;

/** A copy of s that holds no larger string alive. */
export function detach(s: string): string {
  // Concatenating makes a two-part string; slicing it flattens the parts into one new string of
  // s.length + 1 characters, which the result is a view into.
  return s.length < VIEW_MIN_LENGTH ? s : (' ' + s).slice(1);
}
