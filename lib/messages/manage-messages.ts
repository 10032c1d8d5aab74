import "server-only";
import { and, eq, inArray, ne, notInArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { requireMailboxRight, type MailboxAccess, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { subtreeIds } from "@/lib/mailboxes/folder-hierarchy";
import { selectFolders, type FolderSummary } from "@/lib/mailboxes/folders";
import { isUuid } from "./ids";
import { analyzeAfterBulkWrite } from "./planner-statistics";
import { refusePurgeIfProtected } from "./delete-protection";
import { purgeMessages } from "./purge";
import { markSeen, readerIn } from "./read-state";
import { auditTransfer, moveAcross } from "./transfer";

/**
 * Managing mail in one mailbox (R4): mark read/unread, flag, move, delete, empty a folder. Each is
 * one transaction that starts with the access check (Full Access) and scopes every statement to
 * the mailbox; a selection naming no message of the mailbox is "not found or no access". Moves
 * and deletes by someone other than the owner are audited (R13) in the same transaction.
 */
export const MAX_SELECTION = 500;

type Ctx = { tx: Db; access: MailboxAccess; scope: SQL };

function checkSelection(ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new DomainError("noSelection");
  if (unique.length > MAX_SELECTION) throw new DomainError("tooManySelected", undefined, { max: MAX_SELECTION });
  if (!unique.every(isUuid)) throw new DomainError("notFound");
  return unique;
}

function inMailbox<T>(db: Db, actor: Actor, ref: MailboxRef, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const access = await requireMailboxRight(tx, actor, ref, "fullAccess");
    const scope = and(eq(messages.orgId, access.mailbox.orgId), eq(messages.accountId, access.mailbox.id))!;
    return work({ tx, access, scope });
  });
}

async function audit(ctx: Ctx, actor: Actor, action: "mail.move" | "mail.delete", details: Record<string, unknown>) {
  if (ctx.access.isOwner) return;
  await recordAudit(ctx.tx, {
    orgId: ctx.access.mailbox.orgId,
    actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
    mailbox: { id: ctx.access.mailbox.id, address: ctx.access.mailbox.address },
    action,
    details,
  });
}

/** Where moved messages came from, by folder: what "Undo" puts back (restoreMessages). */
export type MoveBack = { folderId: string; ids: string[] }[];

function groupByFolder(rows: { id: string; folderId: string }[]): MoveBack {
  const byFolder = new Map<string, string[]>();
  for (const { id, folderId } of rows) byFolder.set(folderId, [...(byFolder.get(folderId) ?? []), id]);
  return [...byFolder].map(([folderId, ids]) => ({ folderId, ids }));
}

/** How many of a delete's subjects its audit event names. */
const AUDITED_SUBJECTS = 10;

function deletedItems(list: FolderSummary[]): { folder: FolderSummary; ids: string[] } {
  const folder = list.find((f) => f.kind === "deleted");
  if (!folder) throw new Error("mailbox has no Deleted Items");
  return { folder, ids: [...subtreeIds(list, folder.id)] };
}

/** Marks read or unread: for everyone, or for the actor alone where read state is per person. */
export async function setSeen(db: Db, actor: Actor, ref: MailboxRef, ids: string[], seen: boolean) {
  const selection = checkSelection(ids);
  return inMailbox(db, actor, ref, async ({ tx, access, scope }) => {
    const where = and(scope, inArray(messages.id, selection))!;
    const found = await tx.select({ id: messages.id }).from(messages).where(where);
    if (found.length === 0) throw new DomainError("notFound");
    await markSeen(tx, readerIn(access, actor.id), where, seen);
    return { count: found.length };
  });
}

export async function setFlagged(db: Db, actor: Actor, ref: MailboxRef, ids: string[], flagged: boolean) {
  const selection = checkSelection(ids);
  return inMailbox(db, actor, ref, async ({ tx, scope }) => {
    const rows = await tx
      .update(messages)
      .set({ flagged })
      .where(and(scope, inArray(messages.id, selection)))
      .returning({ id: messages.id });
    if (rows.length === 0) throw new DomainError("notFound");
    return { count: rows.length };
  });
}

/** Moves messages to another folder of the same mailbox; `undo` says where they were. */
export async function moveMessages(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  ids: string[],
  targetFolderId: string,
): Promise<{ count: number; undo: MoveBack }> {
  const selection = checkSelection(ids);
  return inMailbox(db, actor, ref, async (ctx) => {
    const list = await selectFolders(ctx.tx, ctx.access.mailbox);
    const target = list.find((f) => f.id === targetFolderId);
    if (!target) throw new DomainError("notFound");
    return moveWithin(ctx, actor, selection, target);
  });
}

/** The move inside the mailbox of `ctx`, to its folder `target`. */
async function moveWithin(ctx: Ctx, actor: Actor, selection: string[], target: FolderSummary) {
  const found = await ctx.tx
    .select({ id: messages.id, folderId: messages.folderId })
    .from(messages)
    .where(and(ctx.scope, inArray(messages.id, selection)))
    .for("update");
  if (found.length === 0) throw new DomainError("notFound");
  const moved = await ctx.tx
    .update(messages)
    .set({ folderId: target.id })
    .where(and(ctx.scope, inArray(messages.id, selection), ne(messages.folderId, target.id)))
    .returning({ id: messages.id });
  if (moved.length > 0) {
    await audit(ctx, actor, "mail.move", { count: moved.length, to: target.name, toKind: target.kind });
  }
  return { count: moved.length, undo: groupByFolder(found.filter((f) => f.folderId !== target.id)) };
}

/**
 * Moves messages to a folder of a mailbox named by its address: the same mailbox (moveMessages, with
 * its Undo), or another the actor also has Full Access to (their own, or a shared one) — both checked
 * in the transaction, the target's quota charged and the source's given back (lib/messages/transfer.ts,
 * as IMAP's MOVE), audited on each side that is not the actor's own; not out of a mailbox under delete
 * protection (its delegates keep its mail in it). Its Undo (`undo` and `undoFrom`, the mailbox the
 * messages are in now) is `restoreAcross`; none into a protected mailbox, which they may not leave.
 */
export async function moveMessagesToMailbox(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  ids: string[],
  target: { address: string; folderId: string },
): Promise<{ count: number; undo?: MoveBack; undoFrom?: string }> {
  const selection = checkSelection(ids);
  if (!isUuid(target.folderId)) throw new DomainError("notFound");
  return inMailbox(db, actor, ref, async (ctx) => {
    const same = target.address.trim().toLowerCase() === ctx.access.mailbox.address;
    const to = same ? ctx.access : await requireMailboxRight(ctx.tx, actor, { address: target.address }, "fullAccess");
    const folder = (await selectFolders(ctx.tx, to.mailbox)).find((f) => f.id === target.folderId);
    if (!folder) throw new DomainError("notFound");
    if (to.mailbox.id === ctx.access.mailbox.id) return moveWithin(ctx, actor, selection, folder);
    const moved = await transferAcross(ctx, actor, selection, { access: to, folder });
    const count = moved.sourceUids.length;
    if (count === 0) throw new DomainError("notFound");
    if (to.mailbox.deleteProtection && !to.isOwner) return { count };
    const undo = groupByFolder(moved.copies.map((c) => ({ id: c.id, folderId: c.fromFolderId })));
    return { count, undo, undoFrom: to.mailbox.address };
  });
}

/** The move of `ids` of the mailbox of `ctx` into another's folder, audited on both sides. */
async function transferAcross(
  ctx: Ctx,
  actor: Actor,
  ids: string[],
  to: { access: MailboxAccess; folder: FolderSummary },
) {
  const moved = await moveAcross(ctx.tx, ctx.access, inArray(messages.id, ids), {
    access: to.access,
    folderId: to.folder.id,
  });
  const from = (await selectFolders(ctx.tx, ctx.access.mailbox)).find((f) => f.id === moved.sourceFolderId);
  await auditTransfer(
    ctx.tx,
    actor,
    "mail.move",
    { access: ctx.access, folder: { name: from?.name ?? "", kind: from?.kind ?? "user" } },
    { access: to.access, folder: { name: to.folder.name, kind: to.folder.kind } },
    moved.sourceUids.length,
  );
  return moved;
}

/**
 * Undo of a move to another mailbox: the copies (`back`: their ids in the mailbox `ref` names, by the
 * folder of `to` each came from) move back across, with every check of a move (Full Access on both,
 * quota, delete protection), in one transaction, audited as moves.
 */
export async function restoreAcross(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  to: { address: string },
  back: MoveBack,
): Promise<{ count: number }> {
  checkSelection(back.flatMap((b) => b.ids));
  return inMailbox(db, actor, ref, async (ctx) => {
    const home = await requireMailboxRight(ctx.tx, actor, to, "fullAccess");
    if (home.mailbox.id === ctx.access.mailbox.id) throw new DomainError("notFound");
    const list = await selectFolders(ctx.tx, home.mailbox);
    let count = 0;
    for (const { folderId, ids } of back) {
      const folder = list.find((f) => f.id === folderId);
      if (!folder || !ids.every(isUuid)) throw new DomainError("notFound");
      count += (await transferAcross(ctx, actor, ids, { access: home, folder })).sourceUids.length;
    }
    return { count };
  });
}

/**
 * Undo of a move or a delete to Deleted Items: each message goes back to the folder it came from
 * (`back`, as moveMessages and deleteMessages returned it), if both are still in the mailbox.
 * Audited as moves.
 */
export async function restoreMessages(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  back: MoveBack,
): Promise<{ count: number }> {
  checkSelection(back.flatMap((b) => b.ids));
  return inMailbox(db, actor, ref, async (ctx) => {
    const list = await selectFolders(ctx.tx, ctx.access.mailbox);
    let count = 0;
    for (const { folderId, ids } of back) {
      const target = list.find((f) => f.id === folderId);
      if (!target || !ids.every(isUuid)) throw new DomainError("notFound");
      const moved = await ctx.tx
        .update(messages)
        .set({ folderId })
        .where(and(ctx.scope, inArray(messages.id, ids), ne(messages.folderId, folderId)))
        .returning({ id: messages.id });
      count += moved.length;
      if (moved.length > 0) {
        await audit(ctx, actor, "mail.move", { count: moved.length, to: target.name, toKind: target.kind, undo: true });
      }
    }
    if (count === 0) throw new DomainError("notFound");
    return { count };
  });
}

/**
 * Deletes messages: to the mailbox's own Deleted Items (R6); those already in Deleted Items (or a
 * folder inside it) are deleted for good, freeing quota.
 */
export async function deleteMessages(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  ids: string[],
): Promise<{ moved: number; purged: number; undo: MoveBack }> {
  const selection = checkSelection(ids);
  return inMailbox(db, actor, ref, async (ctx) => {
    const deleted = deletedItems(await selectFolders(ctx.tx, ctx.access.mailbox));
    const selected = inArray(messages.id, selection);
    // What was deleted, in the audit trail: the first subjects (the count says how many in all).
    const subjects = await ctx.tx
      .select({ subject: messages.subject })
      .from(messages)
      .where(and(ctx.scope, selected))
      .limit(AUDITED_SUBJECTS);
    const purged = (
      await purgeMessages(ctx.tx, ctx.access.mailbox, and(selected, inArray(messages.folderId, deleted.ids)))
    ).count;
    refusePurgeIfProtected(ctx.access, purged);
    const leaving = and(ctx.scope, selected, notInArray(messages.folderId, deleted.ids));
    const from = await ctx.tx
      .select({ id: messages.id, folderId: messages.folderId })
      .from(messages)
      .where(leaving)
      .for("update");
    const moved = (
      await ctx.tx.update(messages).set({ folderId: deleted.folder.id }).where(leaving).returning({ id: messages.id })
    ).length;
    if (moved + purged === 0) throw new DomainError("notFound");
    await audit(ctx, actor, "mail.delete", {
      count: moved + purged,
      moved,
      purged,
      subjects: subjects.map((s) => s.subject || "—"),
    });
    return { moved, purged, undo: groupByFolder(from) };
  });
}

/**
 * Empties a folder: its messages go to Deleted Items, or — emptying Deleted Items or a folder
 * inside it — are deleted for good. Subfolders are left as they are.
 */
export async function emptyFolder(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  folderId: string,
): Promise<{ moved: number; purged: number }> {
  if (!isUuid(folderId)) throw new DomainError("notFound");
  const result = await inMailbox(db, actor, ref, async (ctx) => {
    const list = await selectFolders(ctx.tx, ctx.access.mailbox);
    const folder = list.find((f) => f.id === folderId);
    if (!folder) throw new DomainError("notFound");
    const deleted = deletedItems(list);
    const inFolder = eq(messages.folderId, folder.id);
    let moved = 0;
    let purged = 0;
    if (deleted.ids.includes(folder.id)) {
      purged = (await purgeMessages(ctx.tx, ctx.access.mailbox, inFolder)).count;
      refusePurgeIfProtected(ctx.access, purged);
    } else {
      moved = (
        await ctx.tx
          .update(messages)
          .set({ folderId: deleted.folder.id })
          .where(and(ctx.scope, inFolder))
          .returning({ id: messages.id })
      ).length;
    }
    if (moved + purged > 0) {
      await audit(ctx, actor, "mail.delete", { count: moved + purged, moved, purged, emptied: folder.name });
    }
    return { moved, purged };
  });
  // Emptying a large folder moves or deletes many rows at once: a bulk write.
  await analyzeAfterBulkWrite(db, result.moved + result.purged);
  return result;
}
