import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations } from "@/db/schema";
import { accessRules } from "./mailbox-access";

export type Delegate = { id: string; orgId: string; address: string; displayName: string };

/** A mailbox's Full Access delegates whose accounts are active, by name (one query). */
export function fullAccessDelegates(db: Db, mailbox: { orgId: string; id: string }): Promise<Delegate[]> {
  return db
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address, displayName: accounts.displayName })
    .from(delegations)
    .innerJoin(accounts, and(eq(accounts.orgId, delegations.orgId), eq(accounts.id, delegations.delegateId)))
    .where(
      and(
        eq(delegations.orgId, mailbox.orgId),
        eq(delegations.mailboxId, mailbox.id),
        accessRules.grants("fullAccess"),
        eq(accounts.state, "active"),
      ),
    )
    .orderBy(asc(accounts.displayName), asc(accounts.address));
}
