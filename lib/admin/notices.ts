/** Confirmation notices shown after a redirect (the page reads them from the query string). */
export const NOTICES = ["sharedCreated", "sharedDeleted", "userCreated", "userDeleted"] as const;
export type Notice = (typeof NOTICES)[number];

export const noticeUrl = (path: string, notice: Notice, address: string) =>
  `${path}?${new URLSearchParams({ notice, address }).toString()}`;
