import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { requireAdmin } from "../require-admin";
import { delegateCount, messageCount } from "./counts";

export type AdminMailbox = {
  id: string;
  address: string;
  displayName: string;
  kind: "standard" | "shared";
  role: "user" | "admin";
  state: "active" | "suspended";
  quotaBytes: number;
  usedBytes: number;
  hiddenFromDirectory: boolean;
  saveSentCopy: boolean;
  deleteProtection: boolean;
  readPerPerson: boolean;
  createdAt: Date;
  /** From the folders' maintained counters, not a scan of messages. */
  messageCount: number;
  delegateCount: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A mailbox of the actor's organisation, for the admin pages; notFound for anything else. */
export async function getAdminMailbox(
  db: Db,
  actor: Actor,
  id: string,
  kind?: "standard" | "shared",
): Promise<AdminMailbox> {
  requireAdmin(actor);
  if (!UUID.test(id)) throw new DomainError("notFound");
  const [row] = await db
    .select({
      id: accounts.id,
      address: accounts.address,
      displayName: accounts.displayName,
      kind: accounts.kind,
      role: accounts.role,
      state: accounts.state,
      quotaBytes: accounts.quotaBytes,
      usedBytes: accounts.usedBytes,
      hiddenFromDirectory: accounts.hiddenFromDirectory,
      saveSentCopy: accounts.saveSentCopy,
      deleteProtection: accounts.deleteProtection,
      readPerPerson: accounts.readPerPerson,
      createdAt: accounts.createdAt,
      messageCount: messageCount(),
      delegateCount: delegateCount(),
    })
    .from(accounts)
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id), kind ? eq(accounts.kind, kind) : undefined));
  if (!row) throw new DomainError("notFound");
  return row;
}
