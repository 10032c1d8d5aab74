"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, formText } from "@/app/_lib/define-action";
import { currentActor } from "@/app/_lib/current-actor";
import { listAddableMailboxes, type AddressBookEntry } from "@/lib/shared-folders/address-book";
import { setFolderCollapsed, setPaneCollapsed } from "@/lib/shared-folders/pane-collapse";
import { addSharedFolder, removeSharedFolder } from "@/lib/shared-folders/shared-folder-links";
import { DomainError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Add shared folder (R7): a name or an address; the answer for "no access" is "not found". */
export const addSharedFolderAction = defineAction(
  z.object({ mailbox: formText(320) }),
  async (input, { actor, db }) => {
    const added = await addSharedFolder(db, actor, { query: input.mailbox }).catch((error: unknown) => {
      // Give the typed text back, so the form shows it again next to the error.
      if (error instanceof DomainError)
        throw new DomainError(error.code, error.fieldErrors, { mailbox: input.mailbox });
      throw error;
    });
    revalidatePath("/mail", "layout");
    return { ok: true, message: "added", values: { name: added.displayName }, data: { address: added.address } };
  },
);

/** Remove shared folder: out of the tree, the delegation untouched. */
export const removeSharedFolderAction = defineAction(
  z.object({ mailboxId: z.string().max(64) }),
  async (input, { actor, db }) => {
    // A malformed id names no mailbox: the same answer as any other (R12).
    if (!UUID.test(input.mailboxId)) throw new DomainError("notFound");
    const removed = await removeSharedFolder(db, actor, { mailboxId: input.mailboxId });
    revalidatePath("/mail", "layout");
    return { ok: true, message: "removed", values: { name: removed.displayName }, data: { address: removed.address } };
  },
);

const paneCollapse = defineAction(
  // "mailbox:<id>:1" to collapse a mailbox, ":0" to expand it; "folder:<id>:1" / ":0" for a folder's
  // subfolders (the pane's buttons share one form).
  z.object({ toggle: z.string().max(64) }),
  async (input, { actor, db }) => {
    const [kind, id = "", collapsed] = input.toggle.split(":");
    if (!UUID.test(id) || (collapsed !== "0" && collapsed !== "1") || (kind !== "mailbox" && kind !== "folder"))
      throw new DomainError("notFound");
    if (kind === "folder") await setFolderCollapsed(db, actor, { folderId: id, collapsed: collapsed === "1" });
    else await setPaneCollapsed(db, actor, { mailboxId: id, collapsed: collapsed === "1" });
  },
);

/**
 * Collapse or expand a mailbox in the person's folder pane: a plain form (a button), so nothing to
 * say back — the pane is drawn again, as it now is (a mailbox no longer open to them is gone from it).
 */
export async function setPaneCollapsedAction(formData: FormData): Promise<void> {
  await paneCollapse(null, formData);
  revalidatePath("/mail", "layout");
}

/** The dialog's address-book suggestions, loaded when it opens (signed out: none). */
export async function loadAddableMailboxes(): Promise<Pick<AddressBookEntry, "address" | "displayName">[]> {
  const actor = await currentActor();
  if (!actor) return [];
  const list = await listAddableMailboxes(getDb(), actor);
  return list.map(({ address, displayName }) => ({ address, displayName }));
}
