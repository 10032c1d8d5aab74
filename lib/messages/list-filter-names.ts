/** The list's filters (`show` in its URL): unread, flagged, with attachments. */
export const LIST_FILTERS = ["unread", "flagged", "attachments"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export const listFilterOf = (value: string | undefined): ListFilter | null =>
  (LIST_FILTERS as readonly string[]).includes(value ?? "") ? (value as ListFilter) : null;
