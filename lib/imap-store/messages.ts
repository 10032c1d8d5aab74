import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { moveMessages as moveInMailbox, MAX_SELECTION } from "@/lib/messages/manage-messages";
import { expungeIntoDeletedItems } from "@/lib/messages/delete-protection";
import { purgeMessages } from "@/lib/messages/purge";
import { markSeen, readerIn, seenBy } from "@/lib/messages/read-state";
import { copyAcross, moveAcross } from "@/lib/messages/transfer";
import { auditExpunge, auditImapTransfer } from "./audit";
import { flagsOf, type FlagState, storeSet } from "./flags";
import { resolveImapFolder, type OpenedFolder } from "./folders";
import { searchWhere, type SearchTerm } from "./search";

/**
 * IMAP operations on one folder of a mailbox. Each starts with `resolveImapFolder`, whose Full
 * Access check runs on every command (a revoked delegation ends access at the next command), and
 * scopes every statement to that folder. Writes are one transaction each.
 */
export const UID_CHUNK = 2000;

/** A message's UID and flags as the actor sees them: \Seen is their own where read state is per person. */
export const flagColumns = (opened: OpenedFolder, actor: Actor) => ({
  uid: messages.uid,
  seen: seenBy(readerIn(opened.access, actor.id)),
  flagged: messages.flagged,
  answered: messages.answered,
  isDraft: messages.isDraft,
  deleted: messages.deleted,
  keywords: messages.keywords,
});

export type UidFlags = { uid: number; flags: string[] };

export const inFolder = (opened: OpenedFolder) =>
  and(eq(messages.orgId, opened.access.mailbox.orgId), eq(messages.folderId, opened.folder.folderId))!;
export const uidIn = (uids: number[]) => sql`${messages.uid} = any(${`{${uids.join(",")}}`}::int[])`;

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function open(db: Db, actor: Actor, path: string): Promise<OpenedFolder> {
  const opened = await resolveImapFolder(db, actor, path);
  if (!opened) throw new DomainError("notFound");
  return opened;
}

/** The folder (access-checked) and every message's UID and flags, ascending: what SELECT needs. */
export async function openFolder(db: Db, actor: Actor, path: string) {
  const opened = await open(db, actor, path);
  const rows = await db
    .select(flagColumns(opened, actor))
    .from(messages)
    .where(inFolder(opened))
    .orderBy(asc(messages.uid));
  return { ...opened, messages: rows.map((r) => ({ uid: r.uid, flags: flagsOf(r as FlagState) })) };
}

/**
 * STORE: sets, adds or removes flags; returns each named message's UID and new flags. Where read state
 * is per person, \Seen is the actor's own (lib/messages/read-state.ts), the other flags everyone's.
 */
export async function storeFlags(
  db: Db,
  actor: Actor,
  path: string,
  uids: number[],
  action: "set" | "add" | "remove",
  flags: string[],
): Promise<UidFlags[]> {
  const { seen, ...set } = storeSet(action, flags);
  if ((Object.keys(set).length === 0 && seen === undefined) || uids.length === 0) return [];
  return db.transaction(async (tx) => {
    const opened = await open(tx, actor, path);
    const reader = readerIn(opened.access, actor.id);
    const out: UidFlags[] = [];
    for (const part of chunks(uids, UID_CHUNK)) {
      const where = and(inFolder(opened), uidIn(part))!;
      if (typeof seen === "boolean" && reader) await markSeen(tx, reader, where, seen);
      else if (seen !== undefined) set.seen = seen;
      if (Object.keys(set).length > 0) await tx.update(messages).set(set).where(where);
      const rows = await tx.select(flagColumns(opened, actor)).from(messages).where(where);
      out.push(...rows.map((r) => ({ uid: r.uid, flags: flagsOf(r as FlagState) })));
    }
    return out.sort((a, b) => a.uid - b.uid);
  });
}

/**
 * EXPUNGE: deletes for good the folder's \Deleted messages (of `uids` when given), freeing quota — in a
 * mailbox under delete protection, a delegate's go to Deleted Items instead (lib/messages/delete-protection.ts).
 */
export async function expungeDeleted(db: Db, actor: Actor, path: string, uids?: number[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    const opened = await open(tx, actor, path);
    const condition = and(inFolder(opened), eq(messages.deleted, true), uids ? uidIn(uids) : undefined);
    const gone = await tx.select({ uid: messages.uid }).from(messages).where(condition).orderBy(asc(messages.uid));
    const kept =
      gone.length > 0 && (await expungeIntoDeletedItems(tx, opened.access, opened.folder.folderId, condition!));
    if (gone.length && !kept) await purgeMessages(tx, opened.access.mailbox, condition);
    await auditExpunge(tx, actor, opened, gone.length);
    return gone.map((g) => g.uid);
  });
}

export type CopyResult = { uidValidity: number; sourceUid: number[]; destinationUid: number[] };

async function insertCopies(tx: Db, source: OpenedFolder, target: OpenedFolder, uids: number[]): Promise<CopyResult> {
  const copied = await copyAcross(tx, source.access, and(eq(messages.folderId, source.folder.folderId), uidIn(uids)), {
    access: target.access,
    folderId: target.folder.folderId,
  });
  return {
    uidValidity: target.folder.uidValidity,
    sourceUid: copied.sourceUids,
    destinationUid: copied.destinationUids,
  };
}

/** COPY to any folder the actor may write (their own or a Full Access mailbox), charging its quota. */
export async function copyMessages(db: Db, actor: Actor, path: string, uids: number[], destination: string) {
  return db.transaction(async (tx) => {
    const source = await open(tx, actor, path);
    const target = await resolveImapFolder(tx, actor, destination);
    if (!target) throw new DomainError("tryCreate");
    const result = await insertCopies(tx, source, target, uids);
    await auditImapTransfer(tx, actor, "mail.copy", source, target, result.sourceUid.length);
    return result;
  });
}

/**
 * MOVE: inside one mailbox through the webmail's own move (audited, new UIDs by the trigger);
 * across mailboxes as a copy charged to the target and a purge that frees the source's quota.
 */
export async function moveMessages(
  db: Db,
  actor: Actor,
  path: string,
  uids: number[],
  destination: string,
): Promise<CopyResult> {
  const source = await open(db, actor, path);
  const target = await resolveImapFolder(db, actor, destination);
  if (!target) throw new DomainError("tryCreate");
  if (target.access.mailbox.id !== source.access.mailbox.id) {
    return db.transaction(async (tx) => {
      const src = await open(tx, actor, path);
      const dst = await resolveImapFolder(tx, actor, destination);
      if (!dst) throw new DomainError("tryCreate");
      const moved = await moveAcross(tx, src.access, and(eq(messages.folderId, src.folder.folderId), uidIn(uids)), {
        access: dst.access,
        folderId: dst.folder.folderId,
      });
      const result = {
        uidValidity: dst.folder.uidValidity,
        sourceUid: moved.sourceUids,
        destinationUid: moved.destinationUids,
      };
      await auditImapTransfer(tx, actor, "mail.move", src, dst, result.sourceUid.length);
      return result;
    });
  }
  const result: CopyResult = { uidValidity: target.folder.uidValidity, sourceUid: [], destinationUid: [] };
  for (const part of chunks(uids, MAX_SELECTION)) {
    const rows = await db
      .select({ id: messages.id, uid: messages.uid })
      .from(messages)
      .where(and(inFolder(source), uidIn(part)))
      .orderBy(asc(messages.uid));
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    await moveInMailbox(db, actor, { id: source.access.mailbox.id }, ids, target.folder.folderId);
    const moved = await db
      .select({ id: messages.id, uid: messages.uid })
      .from(messages)
      .where(and(inFolder(target), inArray(messages.id, ids)));
    const newUid = new Map(moved.map((m) => [m.id, m.uid]));
    for (const r of rows) {
      const uid = newUid.get(r.id);
      if (uid === undefined) continue;
      result.sourceUid.push(r.uid);
      result.destinationUid.push(uid);
    }
  }
  return result;
}

/** SEARCH: UIDs matching the criteria, from listing columns and the full-text index. */
export async function searchUids(db: Db, actor: Actor, path: string, query: SearchTerm[]): Promise<number[]> {
  const opened = await open(db, actor, path);
  const where: SQL = and(inFolder(opened), searchWhere(query, readerIn(opened.access, actor.id)))!;
  const rows = await db.select({ uid: messages.uid }).from(messages).where(where).orderBy(asc(messages.uid));
  return rows.map((r) => r.uid);
}
