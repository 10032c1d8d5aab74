/**
 * Turns what a person typed into a PostgreSQL tsquery of prefix terms ("invo mars" finds
 * "invoice" sent in "mars"): every word must match the start of a word of the message. Only
 * letters, digits and the characters of addresses are kept, so the result always parses; an
 * apostrophe separates words (l'été → l, été), as the 'simple' parser does.
 */
export const MAX_TERMS = 8;

export function toPrefixTsquery(input: string): string | null {
  const terms = input
    .normalize("NFC")
    .replace(/['’]/g, " ")
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}@._+-]/gu, ""))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((term) => `'${term}':*`).join(" & ");
}
