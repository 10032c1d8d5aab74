import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { markSeen, readerIn } from "@/lib/messages/read-state";
import { storeMessage } from "@/lib/messages/store-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { chargeQuota } from "@/lib/quota/charge";
import { parseFlags } from "./flags";
import { resolveImapFolder } from "./folders";

/**
 * APPEND: stores a raw message in a folder the actor may write, charging the mailbox's quota in
 * the same transaction (refused with "quotaExceeded" when it does not fit: R10). Returns its UID.
 *
 * The server keeps the Sent copy of what is sent through it (webmail and submission). A client that
 * also saves its own copy appends the same message to Sent: when Sent already holds a message with
 * its Message-ID, the APPEND answers with that message's UID and stores nothing (no duplicate).
 */
export async function appendMessage(
  db: Db,
  actor: Actor,
  input: { path: string; raw: Buffer; flags: string[]; date?: Date },
): Promise<{ uidValidity: number; uid: number }> {
  if (input.raw.length === 0) throw new DomainError("invalid");
  const listing = await parseListing(input.raw);
  const { columns, keywords } = parseFlags(input.flags);
  return db.transaction(async (tx) => {
    const opened = await resolveImapFolder(tx, actor, input.path);
    if (!opened) throw new DomainError("tryCreate");
    const { mailbox } = opened.access;
    if (opened.folder.kind === "sent" && listing.messageIdHeader) {
      const [kept] = await tx
        .select({ uid: messages.uid })
        .from(messages)
        .where(
          and(
            eq(messages.orgId, mailbox.orgId),
            eq(messages.accountId, mailbox.id),
            eq(messages.messageIdHeader, listing.messageIdHeader),
            eq(messages.folderId, opened.folder.folderId),
          ),
        )
        .limit(1);
      if (kept) return { uidValidity: opened.folder.uidValidity, uid: kept.uid };
    }
    const charged = await chargeQuota(tx, mailbox.orgId, mailbox.id, input.raw.length);
    if (!charged) throw new DomainError("quotaExceeded");
    const date = input.date && !Number.isNaN(input.date.getTime()) ? input.date : new Date();
    // Where read state is per person, \Seen is the appender's own: the message is new for the others.
    const reader = readerIn(opened.access, actor.id);
    const seen = columns.includes("seen");
    const stored = await storeMessage(tx, mailbox.orgId, input.raw, listing, [
      {
        accountId: mailbox.id,
        folderId: opened.folder.folderId,
        seen: seen && !reader,
        flagged: columns.includes("flagged"),
        answered: columns.includes("answered"),
        isDraft: columns.includes("isDraft"),
        receivedAt: date,
      },
    ]);
    const appended = and(eq(messages.orgId, mailbox.orgId), eq(messages.id, stored.messageIds[0]!))!;
    if (seen && reader) await markSeen(tx, reader, appended, true);
    const [row] = await tx
      .update(messages)
      .set({ deleted: columns.includes("deleted"), keywords })
      .where(appended)
      .returning({ uid: messages.uid });
    return { uidValidity: opened.folder.uidValidity, uid: row!.uid };
  });
}
