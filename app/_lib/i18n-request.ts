import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/messages";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locales";

export const TIME_ZONE = process.env.MAILROOM_TIME_ZONE || "Europe/Paris";

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return { locale, messages: messagesFor(locale), timeZone: TIME_ZONE };
});
