import "server-only";
import addressparser from "nodemailer/lib/addressparser";
import { z } from "zod";
import type { Mailbox } from "@/db/schema";

const emailSchema = z.email();

export type ParsedAddressList = { mailboxes: Mailbox[]; invalid: string[] };

/**
 * Parses what a person types into To/Cc/Bcc ("Name <a@b.org>, c@d.org; …") with nodemailer's
 * address parser; each address is checked with zod. Addresses come back lower-case, deduplicated.
 */
export function parseAddressList(text: string): ParsedAddressList {
  const mailboxes: Mailbox[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const entry of addressparser(text, { flatten: true })) {
    const address = entry.address.trim().toLowerCase();
    if (!address && !entry.name.trim()) continue;
    if (!address || !emailSchema.safeParse(address).success) {
      invalid.push(address || entry.name.trim());
      continue;
    }
    if (seen.has(address)) continue;
    seen.add(address);
    mailboxes.push({ name: entry.name.trim(), address });
  }
  return { mailboxes, invalid };
}

const NEEDS_QUOTES = /[()<>[\]:;@\\,."]/;

/** One mailbox as a person would type it back: `Name <address>`, quoting the name when needed. */
export function formatMailbox(m: Mailbox): string {
  const name = m.name.trim();
  if (!name || name.toLowerCase() === m.address) return m.address;
  const shown = NEEDS_QUOTES.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : name;
  return `${shown} <${m.address}>`;
}

export const formatAddressList = (list: Mailbox[]) => list.map(formatMailbox).join(", ");

/** The domain of an address, lower-case. */
export const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();
