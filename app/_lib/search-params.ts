/** A page's query string, as Next hands it over. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A single query-string value (Next gives arrays for repeated keys). */
export const param = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value) || undefined;
