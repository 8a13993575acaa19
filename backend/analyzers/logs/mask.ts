// Variable masking: spans that are values rather than words (numbers, IPs, UUIDs, hex ids,
// paths, durations, quoted strings, key=value values) become the placeholder before the line
// is tokenised, so lines of one event share tokens even on their first occurrence.
//
// One ordered list of general rules for every log source: the order matters (a UUID is hex, an IP
// is four numbers), and each rule only fires at token-like boundaries so words such as
// "jk2_init()" or "HTTP/1.1"'s neighbours keep their letters.

export const PARAM = '<*>';

export interface MaskRule {
  name: string;
  pattern: RegExp;
  /** Replacement; defaults to the placeholder. */
  replace?: string;
}

// Boundaries: a variable starts after a non-word character (or the line start) and ends before one.
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';

export const DEFAULT_MASKS: readonly MaskRule[] = [
  { name: 'uuid', pattern: new RegExp(`${B}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${E}`, 'g') },
  // The scheme is structure ("hdfs://…" and "spark://…" are different events); the rest is the value.
  { name: 'url', pattern: /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s"'<>()[\]{}]+/gi },
  { name: 'ipv6', pattern: new RegExp(`${B}(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}${E}`, 'g') },
  // A leading slash is Java's InetAddress.toString(): "/10.0.0.1".
  { name: 'ipv4', pattern: new RegExp(`(?<![A-Za-z0-9_.])/?\\d{1,3}(?:\\.\\d{1,3}){3}${E}`, 'g') },
  { name: 'mac', pattern: new RegExp(`${B}[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}${E}`, 'g') },
  // Absolute paths of two or more segments (one segment is too often a word: "/health", "and/or").
  { name: 'path', pattern: /(?<![\w.:/])(?:\/[\w.@~+-]+){2,}\/?/g },
  { name: 'hex', pattern: new RegExp(`${B}0[xX][0-9a-fA-F]+${E}`, 'g') },
  // Long hex ids (trace ids, hashes, container ids): letters and digits mixed, 8 characters or more.
  { name: 'hexid', pattern: new RegExp(`${B}(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}${E}`, 'g') },
  { name: 'duration', pattern: new RegExp(`${B}\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d)${E}`, 'g') },
  { name: 'quoted', pattern: /"(?:[^"\\\n]|\\.){0,512}"/g, replace: `"${PARAM}"` },
  // Identifiers that are a prefix glued to a number (blk_-123, job_2017_0001, core.1234).
  { name: 'id', pattern: new RegExp(`${B}[A-Za-z]+[_-]+-?\\d[\\w-]*${E}`, 'g') },
  // Anything that starts with a digit is a value, units and versions included: 42, 1.5, 16K, 80x25, v2.4.20-8.
  { name: 'number', pattern: new RegExp(`${B}(?:[vV]|[-+])?\\d(?:[\\w.-]*\\w)?`, 'g') },
  { name: 'boolean', pattern: new RegExp(`${B}(?:true|false)${E}`, 'g') },
  // key=value where the value carries a digit or the placeholder already: keep "tty=ssh", mask "id=a1b2".
  { name: 'kv', pattern: /(?<=[A-Za-z_][\w.]*=)(?=[^\s,;&]*\d)[^\s,;&"]+/g },
];

const GLUED = PARAM + PARAM;
const GLUED_RUN = /(?:<\*>){2,}/g;

/** Replaces every variable span by the placeholder. */
export function maskLine(line: string, rules: readonly MaskRule[] = DEFAULT_MASKS): string {
  let out = line;
  for (const rule of rules) {
    // Cheap pre-check: most rules need a digit, and most lines have few.
    out = out.replace(rule.pattern, rule.replace ?? PARAM);
  }
  // Placeholders side by side are one value ("<*><*>" from a path glued to an id).
  return out.includes(GLUED) ? out.replace(GLUED_RUN, PARAM) : out;
}
