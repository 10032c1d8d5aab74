"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/app/_lib/admin-action";
import { createUser } from "@/lib/admin/users/create-user";
import { deleteUser } from "@/lib/admin/users/delete-user";
import { endUserSessions } from "@/lib/admin/users/end-user-sessions";
import { resetPassword } from "@/lib/admin/users/reset-password";
import { setUserState } from "@/lib/admin/users/set-user-state";
import { idSchema, newUserSchema, resetPasswordSchema } from "@/lib/admin/schemas";
import { noticeUrl } from "@/lib/admin/notices";

export const createUserAction = adminAction(newUserSchema, async (input, { actor, db }) => {
  const user = await createUser(db, actor, input);
  revalidatePath("/admin", "layout");
  redirect(noticeUrl("/admin/users", "userCreated", user.address));
});

export const resetPasswordAction = adminAction(resetPasswordSchema, async (input, { actor, db }) => {
  await resetPassword(db, actor, input);
  return { ok: true, message: "passwordReset" };
});

export const setUserStateAction = adminAction(
  z.object({ id: idSchema, state: z.enum(["active", "suspended"], { error: "invalid" }) }),
  async (input, { actor, db }) => {
    const { changed } = await setUserState(db, actor, input);
    revalidatePath("/admin", "layout");
    if (!changed) return { ok: true, message: "noChanges" };
    return { ok: true, message: input.state === "suspended" ? "userSuspended" : "userReactivated" };
  },
);

export const deleteUserAction = adminAction(z.object({ id: idSchema }), async (input, { actor, db }) => {
  const { address } = await deleteUser(db, actor, input);
  revalidatePath("/admin", "layout");
  redirect(noticeUrl("/admin/users", "userDeleted", address));
});

const endSessions = adminAction(z.object({ id: idSchema }), async (input, { actor, db }) => {
  const { ended } = await endUserSessions(db, actor, input);
  return { ok: true, data: { ended } };
});

/** The user page's "End all sessions" (a plain form): back to the page with how many ended. */
export async function endUserSessionsAction(formData: FormData): Promise<void> {
  const state = await endSessions(null, formData);
  const id = String(formData.get("id") ?? "");
  const ended = state?.ok ? (state.data as { ended: number }).ended : null;
  if (ended === null) redirect(state?.message === "signedOut" ? "/login" : "/admin/users");
  redirect(`/admin/users/${encodeURIComponent(id)}?sessionsEnded=${ended}`);
}
