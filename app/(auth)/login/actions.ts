"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import type { ActionState } from "@/app/_lib/define-action";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const schema = z.object({
  address: z.string().trim().min(1, "addressRequired").max(320),
  password: z.string().min(1, "passwordRequired").max(1024),
});

export async function login(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse({ address: formData.get("address") ?? "", password: formData.get("password") ?? "" });
  // A failed attempt gives the address back, so the form shows it again (never the password).
  const values = { address: String(formData.get("address") ?? "").slice(0, 320) };
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  try {
    // Back to the page that asked for the sign-in, if it is a page of this site.
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;
      return { ok: false, message: code === "throttled" ? "throttled" : "invalidCredentials", values };
    }
    throw error;
  }
}
