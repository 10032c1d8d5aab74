import "server-only";
import type { Mailbox } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { parseAddressList } from "@/lib/mime/addresses";
import type { SendMode } from "./from";
import { MAX_RECIPIENTS } from "./limits";

/** What the compose form sends, once zod has checked its shape (app/mail/compose/actions.ts). */
export type ComposeInput = {
  from: { mode: SendMode; address: string };
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  /** The rich editor's HTML (absent when the form was sent without JavaScript): the body, when given. */
  html?: string;
  /** Put the From mailbox's signature under the message. */
  signature?: boolean;
  /** New files. */
  attachments: File[];
  /** Attachments of `attachFrom` (the forwarded message or the draft) to keep, by index. */
  keep: number[];
  attachFrom?: string;
  /** The message this one answers (reply, reply all). */
  replyOf?: string;
  /** The draft this compose session continues: replaced on save, removed on send. */
  draftId?: string;
  /** When the reply form was opened (server time), to warn of a reply by someone else since. */
  openedAt?: Date;
  /** Send even though someone else replied in the conversation since the form was opened. */
  sendAnyway?: boolean;
};

export type RecipientFields = { to: Mailbox[]; cc: Mailbox[]; bcc: Mailbox[] };
const FIELDS = ["to", "cc", "bcc"] as const;

/**
 * Parses To, Cc and Bcc. Every address is checked (zod's e-mail check); the first bad one of each
 * field is named in the field error (`values[field]`), so the person knows what to fix.
 */
export function parseRecipientFields(
  input: Pick<ComposeInput, "to" | "cc" | "bcc">,
  requireOne: boolean,
): RecipientFields {
  const fieldErrors: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  const out = {} as RecipientFields;
  for (const field of FIELDS) {
    const { mailboxes, invalid } = parseAddressList(input[field]);
    out[field] = mailboxes;
    if (invalid.length > 0) {
      fieldErrors[field] = ["invalidAddress"];
      values[field] = invalid[0]!;
    }
  }
  const total = out.to.length + out.cc.length + out.bcc.length;
  if (!fieldErrors.to && requireOne && total === 0) fieldErrors.to = ["recipientRequired"];
  if (!fieldErrors.to && total > MAX_RECIPIENTS) {
    fieldErrors.to = ["tooManyRecipients"];
    values.to = String(MAX_RECIPIENTS);
  }
  if (Object.keys(fieldErrors).length > 0) throw new DomainError("invalid", fieldErrors, values);
  return out;
}
