import "server-only";
import { and, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations, folderCollapsed, folders, paneCollapsed, sharedFolderLinks } from "@/db/schema";
import {
  accessibleMailboxColumns,
  accessRules,
  delegatedTo,
  type AccessibleMailbox,
} from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { unreadFor } from "@/lib/messages/read-state";
import type { FolderSummary } from "@/lib/mailboxes/folders";

/** Why a mailbox is in the tree: the user's own, automapped by a Full Access grant, or added. */
export type TreeSource = "own" | "automap" | "manual";

export type TreeMailbox = {
  mailbox: AccessibleMailbox;
  source: TreeSource;
  /** Its folders; its Inbox alone when collapsed (the pane shows that one's unread count). */
  folders: FolderSummary[];
  /** The actor keeps it collapsed in their pane (lib/shared-folders/pane-collapse.ts). */
  collapsed: boolean;
};

export type PaneMailboxes = {
  own: TreeMailbox;
  shared: TreeMailbox[];
  /** The folders whose subfolders the actor keeps hidden (lib/shared-folders/pane-collapse.ts). */
  collapsedFolders: ReadonlySet<string>;
};

const mailboxColumns = accessibleMailboxColumns;

/**
 * The condition that puts a delegated mailbox in the actor's tree, computed at read time (R8):
 * Full Access now, AND either automapped and not removed by the user, or added by the user.
 * A revoked delegation takes the mailbox out at once; a link row without Full Access shows nothing.
 */
export const inTree = () =>
  and(
    accessRules.grants("fullAccess"),
    or(and(eq(delegations.automap, true), isNull(sharedFolderLinks.id)), eq(sharedFolderLinks.removed, false)),
  );

/** The delegated mailboxes in the actor's tree, by display name. */
export async function listTreeMailboxes(db: Db, actor: Actor) {
  return db
    .select({ mailbox: mailboxColumns, automap: delegations.automap, linkSource: sharedFolderLinks.source })
    .from(delegations)
    .innerJoin(accounts, and(eq(accounts.id, delegations.mailboxId), eq(accounts.orgId, delegations.orgId)))
    .leftJoin(
      sharedFolderLinks,
      and(
        eq(sharedFolderLinks.orgId, delegations.orgId),
        eq(sharedFolderLinks.accountId, actor.id),
        eq(sharedFolderLinks.mailboxId, delegations.mailboxId),
      ),
    )
    .where(and(delegatedTo(actor, "fullAccess"), inTree()))
    .orderBy(accounts.displayName, accounts.address);
}

/**
 * The folder pane's mailboxes: the actor's own, then each delegated mailbox in their tree, each
 * with its folders and unread counts (a collapsed one's Inbox alone), and whether the actor keeps it
 * collapsed, and the folders they keep collapsed. Five queries whatever the number of mailboxes, four
 * of them together: the own account, the tree's mailboxes, the collapsed mailboxes and folders; then
 * the folders of all of them at once.
 */
export async function listPaneMailboxes(db: Db, actor: Actor): Promise<PaneMailboxes> {
  const [[own], delegated, collapsedRows, collapsedFolders] = await Promise.all([
    db
      .select(mailboxColumns)
      .from(accounts)
      .where(and(eq(accounts.id, actor.id), eq(accounts.orgId, actor.orgId), eq(accounts.kind, "standard"))),
    listTreeMailboxes(db, actor),
    db
      .select({ mailboxId: paneCollapsed.mailboxId })
      .from(paneCollapsed)
      .where(and(eq(paneCollapsed.accountId, actor.id), eq(paneCollapsed.orgId, actor.orgId))),
    db
      .select({ folderId: folderCollapsed.folderId })
      .from(folderCollapsed)
      .where(and(eq(folderCollapsed.accountId, actor.id), eq(folderCollapsed.orgId, actor.orgId))),
  ]);
  const collapsed = new Set(collapsedRows.map((r) => r.mailboxId));
  if (!own) throw new Error("the actor's own mailbox is missing");
  const ids = [own.id, ...delegated.map((d) => d.mailbox.id)];
  const rows = await db
    .select({
      accountId: folders.accountId,
      id: folders.id,
      parentId: folders.parentId,
      kind: folders.kind,
      name: folders.name,
      totalCount: folders.totalCount,
      // The actor's own unread counts where a mailbox's read state is per person.
      unreadCount: unreadFor(actor.id),
    })
    .from(folders)
    .where(
      and(
        eq(folders.orgId, actor.orgId),
        inArray(folders.accountId, ids),
        or(notInArray(folders.accountId, [...collapsed]), eq(folders.kind, "inbox")),
      ),
    );
  const byAccount = new Map<string, typeof rows>();
  for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
  const foldersOf = (id: string) => (byAccount.get(id) ?? []).map(({ accountId: _accountId, ...folder }) => folder);
  return {
    own: { mailbox: own, source: "own", folders: foldersOf(own.id), collapsed: collapsed.has(own.id) },
    shared: delegated.map((d) => ({
      mailbox: d.mailbox,
      source: d.linkSource === "manual" || !d.automap ? "manual" : "automap",
      folders: foldersOf(d.mailbox.id),
      collapsed: collapsed.has(d.mailbox.id),
    })),
    collapsedFolders: new Set(collapsedFolders.map((r) => r.folderId)),
  };
}
