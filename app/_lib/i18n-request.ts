import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/messages";
import { formattingLocale, LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locales";

export const TIME_ZONE = process.env.MAILROOM_TIME_ZONE || "Europe/Paris";

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const acceptLanguage = headerList.get("accept-language");
  const language = pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage);
  // next-intl's locale formats dates and numbers: the reader's variant (en-GB); the words are the language's.
  return { locale: formattingLocale(language, acceptLanguage), messages: messagesFor(language), timeZone: TIME_ZONE };
});
