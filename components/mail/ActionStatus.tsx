"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";

type Values = Record<string, string | number>;

/**
 * Translates what a webmail action answered: successes under mail.done, the webmail's own errors
 * under mail.errors, and the shared ones (not found, invalid, unexpected…) under errors.
 */
export function useActionText() {
  const done = useTranslations("mail.done");
  const own = useTranslations("mail.errors");
  const errors = useTranslations("errors");
  return (key: string, values?: Values, ok = false): string => {
    const success = ok && key.startsWith("done.") ? key.slice("done.".length) : null;
    if (success && done.has(success)) return done(success, values);
    if (own.has(key)) return own(key, values);
    if (errors.has(key)) return errors(key, values);
    return errors("unexpected");
  };
}

/** The answer to the last submission, read out politely; empty until there is one. */
export function ActionStatus({ state, className = "" }: { state: ActionState; className?: string }) {
  const text = useActionText();
  return (
    <p
      role="status"
      aria-live="polite"
      className={`text-sm ${state?.ok ? "text-green-800" : "text-red-700"} ${className}`}
    >
      {state?.message ? text(state.message, state.values, state.ok) : null}
    </p>
  );
}

/** A field's errors, with the id its input names in aria-describedby. */
export function FieldErrors({ id, errors, values }: { id: string; errors?: string[]; values?: Values }) {
  const text = useActionText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.map((e) => text(e, values)).join(" ")}
    </p>
  );
}
