/**
 * Spelling correction for the search box: which known word a misspelt one stands for. The
 * candidates come from the database (search_words, trigram-similar: lib/search/search-sql.ts,
 * spellingSql); this file picks among them by edit distance, so "refnud" (a swap: distance 1)
 * becomes "refund" although they share only three trigrams.
 */

/** Letters only, at least this long: shorter words have too many neighbours to guess from. */
export const MIN_CORRECTED_LENGTH = 4;

/** The query's words that could be corrected, lower-cased, each once, in order. */
export function correctableWords(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= MIN_CORRECTED_LENGTH))];
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring letters each count one (the usual typing slips).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** How many slips a word of this length may hold and still be corrected. */
const maxDistance = (word: string) => (word.length <= 5 ? 1 : 2);

export interface Candidate {
  word: string;
  candidate: string;
  /** pg_trgm similarity, 0–1: breaks ties between equally distant candidates. */
  similarity: number;
}

/** For each misspelt word, its closest candidate within reach; words with none are left out. */
export function chooseCorrections(candidates: Candidate[]): Map<string, string> {
  const best = new Map<string, { candidate: string; distance: number; similarity: number }>();
  for (const c of candidates) {
    const distance = editDistance(c.word, c.candidate);
    if (distance === 0 || distance > maxDistance(c.word)) continue;
    const current = best.get(c.word);
    const better =
      !current ||
      distance < current.distance ||
      (distance === current.distance &&
        (c.similarity > current.similarity ||
          (c.similarity === current.similarity && c.candidate < current.candidate)));
    if (better) best.set(c.word, { candidate: c.candidate, distance, similarity: c.similarity });
  }
  return new Map([...best].map(([word, b]) => [word, b.candidate]));
}

/** The query with each corrected word replaced (the rest as typed). */
export function applyCorrections(text: string, corrections: Map<string, string>): string {
  return text.replace(/\p{L}+/gu, (w) => corrections.get(w.toLowerCase()) ?? w);
}
