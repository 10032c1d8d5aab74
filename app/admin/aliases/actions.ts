"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/app/_lib/admin-action";
import { addAlias, removeAlias } from "@/lib/aliases/manage-aliases";
import { addAliasSchema, removeAliasSchema } from "@/lib/aliases/schemas";

/** Gives a mailbox of the admin's organisation an extra address. */
export const addAliasAction = adminAction(addAliasSchema, async (input, { actor, db }) => {
  await addAlias(db, actor, input);
  revalidatePath("/admin", "layout");
  return { ok: true, message: "aliasAdded" };
});

/** Takes an alias away from a mailbox. */
export const removeAliasAction = adminAction(removeAliasSchema, async (input, { actor, db }) => {
  await removeAlias(db, actor, input);
  revalidatePath("/admin", "layout");
  return { ok: true, message: "aliasRemoved" };
});
