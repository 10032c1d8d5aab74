"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/_lib/admin-action";
import { applyDelegations } from "@/lib/admin/delegations/apply-delegations";
import { reviewDelegations } from "@/lib/admin/delegations/review-delegations";
import { delegationGridSchema } from "@/lib/admin/schemas";

const schema = delegationGridSchema.extend({
  intent: z.enum(["next", "back", "confirm"]).catch("next"),
  fingerprint: z.string().max(64).default(""),
});

/** Configure delegations: Next → the changes person by person, Back, Confirm (applied at once). */
export const delegationsAction = adminAction(schema, async ({ intent, fingerprint, ...input }, { actor, db }) => {
  if (intent === "back") return { ok: true, data: { step: "grid" } };
  if (intent === "next") {
    const review = await reviewDelegations(db, actor, input);
    if (review.changes.length === 0) return { ok: true, message: "noDelegationChanges", data: { step: "grid" } };
    return { ok: true, data: { step: "summary", ...review } };
  }
  const result = await applyDelegations(db, actor, { ...input, fingerprint });
  if (result.status === "changed") {
    return {
      ok: false,
      message: "delegationsChanged",
      data: { step: "summary", changes: result.changes, fingerprint: result.fingerprint },
    };
  }
  revalidatePath("/admin", "layout");
  return { ok: true, message: "delegationsApplied", data: { step: "done", changes: result.changes } };
});
