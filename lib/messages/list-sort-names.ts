/**
 * The orders of a folder's list (`sort` in its URL) besides the default, newest first: by sender,
 * A to Z (the newest first within one sender), and by size, the largest first.
 */
export const LIST_SORTS = ["from", "size"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/**
 * Accented letters and the letters they sort with: a sender's sort key has none, so "Élodie" sorts
 * among the E whatever the database's collation (C on many, no ICU on the embedded one).
 */
export const ACCENTED = "àâäáãåāçćčéèêëēęěíìîïīñńóòôöõøōœúùûüūýÿžźżšśłđ";
export const UNACCENTED = "aaaaaaaccceeeeeeeiiiiinnoooooooouuuuuyyzzzssld";

export const listSortOf = (value: string | undefined): ListSort | null =>
  (LIST_SORTS as readonly string[]).includes(value ?? "") ? (value as ListSort) : null;
