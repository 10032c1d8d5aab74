import type { Locale } from "@/lib/i18n/locales";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enAutomation from "./en/automation.json";
import enCommon from "./en/common.json";
import enCompose from "./en/compose.json";
import enErrors from "./en/errors.json";
import enMail from "./en/mail.json";
import enShared from "./en/shared.json";
import frAdmin from "./fr/admin.json";
import frAuth from "./fr/auth.json";
import frAutomation from "./fr/automation.json";
import frCommon from "./fr/common.json";
import frCompose from "./fr/compose.json";
import frErrors from "./fr/errors.json";
import frMail from "./fr/mail.json";
import frShared from "./fr/shared.json";

/** Every UI string, one namespace per file, in both languages (tests/unit/messages.test.ts). */
export const MESSAGES = {
  en: {
    common: enCommon,
    auth: enAuth,
    errors: enErrors,
    mail: enMail,
    admin: enAdmin,
    shared: enShared,
    compose: enCompose,
    automation: enAutomation,
  },
  fr: {
    common: frCommon,
    auth: frAuth,
    errors: frErrors,
    mail: frMail,
    admin: frAdmin,
    shared: frShared,
    compose: frCompose,
    automation: frAutomation,
  },
} as const;

export const messagesFor = (locale: Locale) => MESSAGES[locale];
