"use server";

import { cookies } from "next/headers";
import { signOut } from "@/auth";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";

/** The language switch: remembered for a year. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
