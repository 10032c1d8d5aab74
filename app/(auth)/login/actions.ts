"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import type { ActionState } from "@/app/_lib/define-action";

const schema = z.object({
  address: z.string().trim().min(1, "addressRequired").max(320),
  password: z.string().min(1, "passwordRequired").max(1024),
});

export async function login(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse({ address: formData.get("address") ?? "", password: formData.get("password") ?? "" });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/mail" });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;
      return { ok: false, message: code === "throttled" ? "throttled" : "invalidCredentials" };
    }
    throw error;
  }
}
