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

export { formatAddressList, formatMailbox } from "./format-address";

/** The domain of an address, lower-case. */
export const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();
