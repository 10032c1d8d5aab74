"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatBytes } from "@/lib/format/bytes";

type Values = Record<string, string | number> | undefined;

/**
 * Translates an error key from an action: the admin area's own ("admin.errors.*") first, then
 * the common ones ("errors.*"). Values named "…Bytes" are shown as sizes ("freeBytes" → {free}).
 */
export function useErrorText() {
  const t = useTranslations();
  const locale = useLocale();
  return (key: string, values?: Values): string => {
    const shown: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(values ?? {})) {
      if (k.endsWith("Bytes") && typeof v === "number") shown[k.slice(0, -5)] = formatBytes(v, locale);
      else shown[k] = v;
    }
    if (t.has(`admin.errors.${key}`)) return t(`admin.errors.${key}`, shown);
    if (t.has(`errors.${key}`)) return t(`errors.${key}`, shown);
    return t("errors.unexpected");
  };
}

/** Same lookup for confirmation messages: "admin.done.*". */
export function useDoneText() {
  const t = useTranslations("admin.done");
  return (key: string, values?: Record<string, string | number>) => (t.has(key) ? t(key, values) : key);
}
