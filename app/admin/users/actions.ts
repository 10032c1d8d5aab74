"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/app/_lib/admin-action";
import { createUser } from "@/lib/admin/users/create-user";
import { deleteUser } from "@/lib/admin/users/delete-user";
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
