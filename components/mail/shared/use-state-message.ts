"use client";

import { useTranslations } from "next-intl";

/**
 * Translates an action's message or field-error key: this feature's own keys live under
 * "shared", the common ones (notFound, invalid, unexpected, signedOut…) under "errors".
 */
export function useStateMessage() {
  const shared = useTranslations("shared");
  const errors = useTranslations("errors");
  return (key: string, values?: Record<string, string | number>) =>
    shared.has(key) ? shared(key, values) : errors.has(key) ? errors(key, values) : errors("unexpected");
}
