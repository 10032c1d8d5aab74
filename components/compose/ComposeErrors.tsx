"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { MAX_ATTACHMENT_BYTES } from "@/lib/compose/limits";
import { formatBytes } from "@/lib/format/bytes";

/**
 * Translates a compose error key: compose's own wording when it has one (with the offending value,
 * `values[field]`, and the attachment limit), else the common "errors" namespace.
 */
export function useComposeErrorText() {
  const t = useTranslations("compose");
  const common = useTranslations("errors");
  const locale = useLocale();
  const limit = formatBytes(MAX_ATTACHMENT_BYTES, locale);
  return {
    field(key: string, field: string, values?: Record<string, string | number>) {
      const path = `fieldErrors.${key}`;
      return t.has(path) ? t(path, { limit, ...values, value: values?.[field] ?? "" }) : common(key);
    },
    message(key: string, values?: Record<string, string | number>) {
      const path = `messages.${key}`;
      return t.has(path) ? t(path, { limit, ...values }) : common(key);
    },
  };
}

/** A field's errors, tied to its input by id (aria-describedby). */
export function ComposeFieldError({
  id,
  field,
  state,
  extra,
}: {
  id: string;
  field: string;
  state: ActionState;
  extra?: string;
}) {
  const text = useComposeErrorText();
  const keys = [...(state?.fieldErrors?.[field] ?? []), ...(extra ? [extra] : [])];
  if (keys.length === 0) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {keys.map((key) => text.field(key, field, state?.values)).join(" ")}
    </p>
  );
}
