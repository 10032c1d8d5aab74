import Negotiator from "negotiator";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "mailroom-locale";

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The chosen locale: the switch's cookie first, then Accept-Language, then English. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const preferred = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } }).languages();
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/**
 * The locale dates and numbers are formatted in: the reader's own variant of the chosen language
 * (Accept-Language "en-GB" gives day/month and a 24-hour clock, "en-US" month/day and AM/PM, "fr-CA"
 * its own), else the language itself. The words stay those of the language (messages/en, messages/fr).
 */
export function formattingLocale(language: Locale, acceptLanguage: string | null): string {
  const preferred = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } }).languages();
  for (const tag of preferred) {
    if (tag.toLowerCase().split("-")[0] !== language || !tag.includes("-")) continue;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // not a well-formed tag: try the next one
    }
  }
  return language;
}

/** The language of a formatting locale ("en-GB" → "en"). */
export const languageOf = (locale: string): Locale => {
  const base = locale.toLowerCase().split("-")[0];
  return isLocale(base) ? base : DEFAULT_LOCALE;
};
