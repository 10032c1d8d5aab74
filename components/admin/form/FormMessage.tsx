"use client";

import type { ActionState } from "@/lib/forms/action-state";
import { useDoneText, useErrorText } from "./use-error-text";

/**
 * The answer of the last submission: a confirmation (role=status) or an error (role=alert),
 * in a live region that is always present so screen readers announce it.
 */
export function FormMessage({ state, values }: { state: ActionState; values?: Record<string, string | number> }) {
  const errorText = useErrorText();
  const doneText = useDoneText();
  return (
    <div aria-live="polite">
      {state?.message && state.ok && (
        <p role="status" data-testid="form-done" className="rounded bg-green-50 p-3 text-sm text-green-900">
          {doneText(state.message, values)}
        </p>
      )}
      {state?.message && !state.ok && (
        <p role="alert" data-testid="form-error" className="rounded bg-red-50 p-3 text-sm text-red-800">
          {/* field errors are shown at their fields: here, only that there are some */}
          {hasFieldErrors(state) ? errorText("invalid") : errorText(state.message, state.values)}
        </p>
      )}
    </div>
  );
}

/** The submitted fields an action sent back (see adminAction), as strings. */
export function echoed(state: ActionState): Record<string, string | string[]> {
  const data = state?.data as { input?: Record<string, string | string[]> } | undefined;
  return data?.input ?? {};
}

const hasFieldErrors = (state: ActionState) => Object.values(state?.fieldErrors ?? {}).some((e) => e && e.length > 0);
