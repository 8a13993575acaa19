// The placeholder that stands for a variable in a template, and the one rule every masking path
// shares about it.

export const PARAM = '<*>';

const GLUED_RUN = /(?:<\*>){2,}/g;

/** Placeholders side by side are one value ("<*><*>" from a path glued to an id). */
export function foldPlaceholders(masked: string): string {
  return masked.length >= 6 && masked.includes('<*><*>') ? masked.replace(GLUED_RUN, PARAM) : masked;
}
