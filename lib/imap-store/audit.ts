import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudits, type AuditInput } from "@/lib/audit/record-audit";
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

/** COPY or MOVE of `count` messages from `source` to `target`. */
export async function auditTransfer(
  tx: Db,
  actor: Actor,
  action: "mail.copy" | "mail.move",
  source: OpenedFolder,
  target: OpenedFolder,
  count: number,
): Promise<void> {
  if (count === 0) return;
  const across = source.access.mailbox.id !== target.access.mailbox.id;
  const events: AuditInput[] = [];
  const to = { to: nameOf(target), toKind: target.folder.kind };
  if (!source.access.isOwner) {
    events.push({
      orgId: source.access.mailbox.orgId,
      actor: actorOf(actor),
      mailbox: mailboxOf(source),
      action,
      details: { count, ...to, ...(across ? { toMailbox: target.access.mailbox.address } : {}) },
    });
  }
  if (across && !target.access.isOwner) {
    events.push({
      orgId: target.access.mailbox.orgId,
      actor: actorOf(actor),
      mailbox: mailboxOf(target),
      action,
      details: {
        count,
        ...to,
        from: nameOf(source),
        fromKind: source.folder.kind,
        fromMailbox: source.access.mailbox.address,
      },
    });
  }
  await recordAudits(tx, events);
}

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
