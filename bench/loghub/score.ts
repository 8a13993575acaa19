// Loghub-2.0's accuracy measures. GA: share of lines whose predicted group (lines sharing a
// predicted template) is exactly one true group. PA: share of lines whose predicted template equals
// the true one, both with whitespace collapsed and every placeholder spelt `<*>`.

export interface Accuracy {
  ga: number;
  pa: number;
  predictedTemplates: number;
  trueTemplates: number;
}

export function normaliseTemplate(t: string, placeholder = '<*>'): string {
  return t.split(placeholder).join('<*>').replace(/\s+/g, ' ').trim();
}

export function score(truth: string[], predicted: string[]): Accuracy {
  if (truth.length !== predicted.length) {
    throw new Error(`${predicted.length} predictions for ${truth.length} lines`);
  }
  const groups = new Map<string, number[]>();
  predicted.forEach((p, i) => {
    const g = groups.get(p);
    if (g) g.push(i);
    else groups.set(p, [i]);
  });
  const trueSize = new Map<string, number>();
  for (const t of truth) trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
  let grouped = 0;
  for (const lines of groups.values()) {
    const label = truth[lines[0]];
    if (lines.every((i) => truth[i] === label) && trueSize.get(label) === lines.length) grouped += lines.length;
  }
  let parsed = 0;
  predicted.forEach((p, i) => {
    if (normaliseTemplate(p) === normaliseTemplate(truth[i])) parsed++;
  });
  return { ga: grouped / truth.length, pa: parsed / truth.length, predictedTemplates: groups.size, trueTemplates: trueSize.size };
}
