"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/app/_lib/admin-action";
import { updatePoolRule } from "@/lib/admin/pool/update-pool-rule";
import { poolRuleSchema } from "@/lib/admin/schemas";

export const updatePoolAction = adminAction(poolRuleSchema, async (input, { actor, db }) => {
  await updatePoolRule(db, actor, input);
  revalidatePath("/admin", "layout");
  return { ok: true, message: "poolUpdated" };
});
