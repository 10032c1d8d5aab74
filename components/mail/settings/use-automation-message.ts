"use client";

import { useTranslations } from "next-intl";

/** Translates an action's error key: this feature's under "automation.errors", the common ones under "errors". */
export function useAutomationMessage() {
  const own = useTranslations("automation.errors");
  const errors = useTranslations("errors");
  return (key: string, values?: Record<string, string | number>) =>
    own.has(key) ? own(key, values) : errors.has(key) ? errors(key, values) : errors("unexpected");
}
