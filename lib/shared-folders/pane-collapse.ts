import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paneCollapsed } from "@/db/schema";
import { requireMailboxRight } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";

/**
 * Collapses or expands a mailbox in the actor's own folder pane (as Outlook on the web does): their
 * own mailbox or one they may open (Full Access). Anyone else's mailbox is notFound (R12); the
 * choice is the actor's alone and changes nothing for anyone else.
 */
export async function setPaneCollapsed(
  db: Db,
  actor: Actor,
  input: { mailboxId: string; collapsed: boolean },
): Promise<void> {
  const access = await requireMailboxRight(db, actor, { id: input.mailboxId }, "fullAccess");
  const row = { orgId: actor.orgId, accountId: actor.id, mailboxId: access.mailbox.id };
  if (input.collapsed) await db.insert(paneCollapsed).values(row).onConflictDoNothing();
  else
    await db
      .delete(paneCollapsed)
      .where(and(eq(paneCollapsed.accountId, actor.id), eq(paneCollapsed.mailboxId, access.mailbox.id)));
}
