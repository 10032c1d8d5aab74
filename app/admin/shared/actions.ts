"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/app/_lib/admin-action";
import { createSharedMailbox } from "@/lib/admin/shared/create-shared-mailbox";
import { deleteSharedMailbox } from "@/lib/admin/shared/delete-shared-mailbox";
import { emptySharedDeletedItems } from "@/lib/admin/shared/empty-deleted-items";
import { reviewSharedMailbox } from "@/lib/admin/shared/review-shared-mailbox";
import { updateSharedMailbox } from "@/lib/admin/shared/update-shared-mailbox";
import { idSchema, newSharedMailboxFields, quotaToBytes, updateSharedMailboxSchema } from "@/lib/admin/schemas";
import { noticeUrl } from "@/lib/admin/notices";

const wizardSchema = newSharedMailboxFields
  .extend({ intent: z.enum(["next", "back", "confirm"]).catch("next") })
  .transform(quotaToBytes);

/** The create wizard: Next → summary (all checks, nothing written), Back, Confirm (checks again, creates). */
export const sharedWizardAction = adminAction(wizardSchema, async ({ intent, ...input }, { actor, db }) => {
  if (intent === "back") return { ok: true, data: { step: "form" } };
  if (intent === "next") {
    const summary = await reviewSharedMailbox(db, actor, input);
    return { ok: true, data: { step: "summary", summary } };
  }
  const created = await createSharedMailbox(db, actor, input);
  revalidatePath("/admin");
  redirect(noticeUrl("/admin", "sharedCreated", created.address));
});

export const updateSharedAction = adminAction(updateSharedMailboxSchema, async (input, { actor, db }) => {
  const { changed } = await updateSharedMailbox(db, actor, input);
  revalidatePath("/admin", "layout");
  return { ok: true, message: changed ? "sharedUpdated" : "noChanges" };
});

export const deleteSharedAction = adminAction(z.object({ id: idSchema }), async (input, { actor, db }) => {
  const { address } = await deleteSharedMailbox(db, actor, input);
  revalidatePath("/admin", "layout");
  redirect(noticeUrl("/admin", "sharedDeleted", address));
});

/** Empties a shared mailbox's Deleted Items for good, once the admin ticked the confirmation. */
export const emptyDeletedItemsAction = adminAction(
  z.object({ id: idSchema, confirm: z.literal("on", { error: "confirmRequired" }) }),
  async (input, { actor, db }) => {
    const { count } = await emptySharedDeletedItems(db, actor, input.id);
    revalidatePath("/admin", "layout");
    return { ok: true, message: "deletedItemsEmptied", values: { count } };
  },
);
