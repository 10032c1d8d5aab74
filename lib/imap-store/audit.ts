import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudits } from "@/lib/audit/record-audit";
import { auditTransfer, type TransferSide } from "@/lib/messages/transfer";
import { SEPARATOR } from "./folders";
import type { OpenedFolder } from "./folders";

/**
 * The audit (R13) of what an IMAP client does in a mailbox that is not the actor's own, with the
 * webmail's actions and details: `mail.move` ({count, to, toKind}) and `mail.delete` ({count, moved,
 * purged}); IMAP's COPY, which the webmail does not have, is `mail.copy` with the same details.
 * Across mailboxes each side that is not the actor's own gets its event (the other mailbox named in
 * `toMailbox` / `fromMailbox`). Written in the transaction of the change.
 */
const nameOf = (opened: OpenedFolder) => opened.folder.path.split(SEPARATOR).pop() ?? opened.folder.path;
const actorOf = (actor: Actor) => ({ id: actor.id, address: actor.address, sessionId: actor.sessionId });
const mailboxOf = (opened: OpenedFolder) => ({ id: opened.access.mailbox.id, address: opened.access.mailbox.address });

const sideOf = (opened: OpenedFolder): TransferSide => ({
  access: opened.access,
  folder: { name: nameOf(opened), kind: opened.folder.kind },
});

/** COPY or MOVE of `count` messages from `source` to `target`, audited as the webmail's. */
export const auditImapTransfer = (
  tx: Db,
  actor: Actor,
  action: "mail.copy" | "mail.move",
  source: OpenedFolder,
  target: OpenedFolder,
  count: number,
) => auditTransfer(tx, actor, action, sideOf(source), sideOf(target), count);

/** EXPUNGE: `count` messages deleted for good. */
export async function auditExpunge(tx: Db, actor: Actor, opened: OpenedFolder, count: number): Promise<void> {
  if (count === 0 || opened.access.isOwner) return;
  await recordAudits(tx, [
    {
      orgId: opened.access.mailbox.orgId,
      actor: actorOf(actor),
      mailbox: mailboxOf(opened),
      action: "mail.delete",
      details: { count, moved: 0, purged: count, folder: nameOf(opened) },
    },
  ]);
}
