/** Address formatting shared by the server and the compose form (no server-only imports here). */
export type MailboxLike = { name: string; address: string };

const NEEDS_QUOTES = /[()<>[\]:;@\\,."]/;

/** One mailbox as a person would type it: `Name <address>`, quoting the name when needed. */
export function formatMailbox(m: MailboxLike): string {
  const name = m.name.trim();
  if (!name || name.toLowerCase() === m.address.toLowerCase()) return m.address;
  const shown = NEEDS_QUOTES.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : name;
  return `${shown} <${m.address}>`;
}

export const formatAddressList = (list: MailboxLike[]) => list.map(formatMailbox).join(", ");
