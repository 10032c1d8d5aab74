import type { ListItem } from "../../components/mail/MessageListView";

/** The n-th row of a message list as its client component receives it (n: one digit). */
export const listItem = (n: number, extra: Partial<ListItem> = {}): ListItem => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  who: `Sender ${n}`,
  subject: `Subject ${n}`,
  snippet: `Snippet ${n}`,
  dateLabel: "01/01/2026",
  dateIso: "2026-01-01T00:00:00.000Z",
  seen: true,
  ...extra,
});
