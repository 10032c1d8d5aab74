import "server-only";
import type { Db } from "@/db/client";
import { requireMailboxRight } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { resolveImapFolder } from "./folders";

/**
 * IMAP QUOTA (RFC 9208): one quota root per mailbox, named by its address, with the STORAGE
 * resource — the mailbox's used and quota bytes, the numbers the webmail's quota meter shows
 * (kept as data, R10: nothing is summed here). A shared mailbox's folders have the shared
 * mailbox's own root. Only someone who may open the mailbox (Full Access) can read it.
 */
export type ImapQuota = { root: string; usedBytes: number; quotaBytes: number };

/** GETQUOTAROOT: the quota root of the folder at `path` and its usage. */
export async function quotaOfFolder(db: Db, actor: Actor, path: string): Promise<ImapQuota> {
  const opened = await resolveImapFolder(db, actor, path);
  if (!opened) throw new DomainError("notFound");
  const { mailbox } = opened.access;
  return { root: mailbox.address, usedBytes: mailbox.usedBytes, quotaBytes: mailbox.quotaBytes };
}

/** GETQUOTA: the usage of a quota root (a mailbox address; "" is the caller's own mailbox). */
export async function quotaOfRoot(db: Db, actor: Actor, root: string): Promise<ImapQuota> {
  const address = root.trim() === "" ? actor.address : root.trim();
  const { mailbox } = await requireMailboxRight(db, actor, { address }, "fullAccess");
  return { root: mailbox.address, usedBytes: mailbox.usedBytes, quotaBytes: mailbox.quotaBytes };
}
