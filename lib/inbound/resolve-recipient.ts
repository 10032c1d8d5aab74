import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, aliases, domains, folders, organizations } from "@/db/schema";
import type { DeliveryMailbox } from "@/lib/delivery/recipients";

/** A mailbox a message from outside can be delivered to, with what its quota check needs. */
export type InboundMailbox = DeliveryMailbox & {
  quotaBytes: number;
  usedBytes: number;
  receiveBlockPercent: number;
  warnPercent: number;
  sendBlockPercent: number;
  inboxId: string;
  junkId: string;
};

export type RecipientCheck =
  | { status: "accepted"; mailbox: InboundMailbox }
  /** One of our domains, but no mailbox or alias has the address (550 5.1.1). */
  | { status: "unknown" }
  /** Not a domain of this installation: never relayed (550 5.7.1). */
  | { status: "foreign" }
  /** The mailbox cannot take the declared size, or is at its receive limit (452 4.2.2). */
  | { status: "full"; mailbox: InboundMailbox };

/** The id of one of the account's well-known folders (read at RCPT, so that storing needs no look-up). */
const wellKnown = (kind: "inbox" | "junk") =>
  sql<string>`(select ${folders.id} from ${folders}
    where ${folders.orgId} = ${accounts.orgId} and ${folders.accountId} = ${accounts.id}
      and ${folders.kind} = ${kind})`;

const mailboxFields = {
  id: accounts.id,
  orgId: accounts.orgId,
  address: accounts.address,
  displayName: accounts.displayName,
  quotaBytes: accounts.quotaBytes,
  usedBytes: accounts.usedBytes,
  receiveBlockPercent: organizations.receiveBlockPercent,
  warnPercent: organizations.warnPercent,
  sendBlockPercent: organizations.sendBlockPercent,
  inboxId: wellKnown("inbox"),
  junkId: wellKnown("junk"),
};

/** Whether the mailbox can take `bytes` more (at least one byte: a mailbox at its limit takes nothing). */
export const canTake = (m: InboundMailbox, bytes: number) =>
  (m.usedBytes + Math.max(bytes, 1)) * 100 <= m.quotaBytes * m.receiveBlockPercent;

/**
 * Checks an envelope recipient at RCPT time (R14): an address of a mailbox (user or shared,
 * suspended or not) or of one of its aliases, case-insensitively; else whether the domain is ours.
 * `declaredSize` is the SIZE the client announced (0 if none). Reads only; nothing is locked: the
 * quota is charged again, atomically, when the message is stored.
 */
export async function checkRecipient(db: Db, address: string, declaredSize: number): Promise<RecipientCheck> {
  const wanted = address.trim().toLowerCase();
  const at = wanted.lastIndexOf("@");
  if (at <= 0 || at === wanted.length - 1) return { status: "foreign" };
  const byAddress = db
    .select(mailboxFields)
    .from(accounts)
    .innerJoin(organizations, eq(organizations.id, accounts.orgId))
    .where(eq(sql`lower(${accounts.address})`, wanted));
  const byAlias = db
    .select(mailboxFields)
    .from(aliases)
    .innerJoin(accounts, eq(accounts.id, aliases.accountId))
    .innerJoin(organizations, eq(organizations.id, accounts.orgId))
    .where(eq(sql`lower(${aliases.address})`, wanted));
  const [mailbox] = await byAddress.unionAll(byAlias).limit(1);
  if (mailbox) return canTake(mailbox, declaredSize) ? { status: "accepted", mailbox } : { status: "full", mailbox };
  const [hosted] = await db
    .select({ id: domains.id })
    .from(domains)
    .where(eq(sql`lower(${domains.name})`, wanted.slice(at + 1)))
    .limit(1);
  return hosted ? { status: "unknown" } : { status: "foreign" };
}
