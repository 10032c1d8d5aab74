/**
 * The text a message's search vector is built from (`to_tsvector('simple', …)`): every distinct
 * word of the subject, the addresses and the whole body, in order of first appearance.
 *
 * Search matches words by prefix with `&` only (lib/messages/search.ts), never phrases, so a word
 * needs to be in the vector once: repeating it adds nothing but positions. Keeping each word once
 * is what lets a body of any length be indexed whole, where PostgreSQL caps one tsvector at 1 MB
 * (1,048,575 bytes) and a long body's repeated words would overflow it.
 *
 * The limit that remains is on distinct words: they are kept while their estimated size in the
 * vector stays within VECTOR_BUDGET_BYTES, some 35,000 ordinary words (a long English text has a
 * few thousand). Past that, later new words are not indexed; the estimate is an upper bound (a
 * word, its hyphen/dot/slash parts the parser also indexes, 9 bytes of overhead for each), so the
 * vector can never fail to build.
 */
export const VECTOR_BUDGET_BYTES = 1_000_000;

const PART_SEPARATORS = /[-./@:_]/g;
const encoder = new TextEncoder();

/** An upper bound of what one whitespace-separated word costs in a tsvector. */
export function estimatedVectorBytes(word: string): number {
  const bytes = encoder.encode(word).length;
  const parts = 2 + (word.match(PART_SEPARATORS)?.length ?? 0);
  return 2 * bytes + 9 * parts;
}

/** Each word of `text` once (case-folded as the 'simple' configuration folds it), within the budget. */
export function distinctWords(text: string, budget = VECTOR_BUDGET_BYTES): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  let used = 0;
  for (const word of text.split(/\s+/u)) {
    if (!word) continue;
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    const cost = estimatedVectorBytes(word);
    if (used + cost > budget) continue;
    seen.add(key);
    kept.push(word);
    used += cost;
  }
  return kept.join(" ");
}
