/**
 * A small fuzzy matcher for the command palette, in the spirit of VS Code's: the query's
 * characters must appear in order; matches at word starts and runs of consecutive characters
 * score higher, and the match positions are returned for highlighting. Case and accents are
 * ignored ("sinkron" finds "Sinkronkan", "cafe" finds "Café").
 */
export interface FuzzyMatch {
  score: number;
  /** Indices in the text of the matched characters, ascending. */
  indices: number[];
}

function fold(text: string): string {
  // One character in, one character out, so indices stay valid.
  return text
    .split('')
    .map((c) => c.normalize('NFD').charAt(0).toLowerCase())
    .join('');
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text.charAt(i - 1);
  const here = text.charAt(i);
  return /[\s:/._\-–(]/.test(prev) || (prev === prev.toLowerCase() && here !== here.toLowerCase());
}

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = fold(query.replace(/\s+/g, ''));
  if (q === '') return { score: 0, indices: [] };
  const t = fold(text);
  // Greedy from the left, preferring a word start when one is ahead: good enough for titles.
  const indices: number[] = [];
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    let at = -1;
    for (let i = from; i < t.length; i++) {
      if (t[i] !== ch) continue;
      if (at < 0) at = i;
      if (i === previous + 1 || isWordStart(text, i)) {
        at = i;
        break;
      }
    }
    if (at < 0) return null;
    score += 1;
    if (at === previous + 1) score += 5;
    if (isWordStart(text, at)) score += 8;
    if (at === 0) score += 3;
    score -= Math.min(at - from, 10) * 0.1;
    indices.push(at);
    previous = at;
    from = at + 1;
  }
  // Shorter texts win ties: "Sync now" before "Sync now and show problems".
  score -= t.length * 0.01;
  return { score, indices };
}
