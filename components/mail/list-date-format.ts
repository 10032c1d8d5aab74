import { getLocale, getTimeZone } from "next-intl/server";

/**
 * The short date and time of a message list row, in the reader's language and the server's time
 * zone: one Intl formatter for the page's rows rather than a cached lookup per row.
 */
export async function listDateFormat(): Promise<Intl.DateTimeFormat> {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone });
}
