/**
 * What every server action returns: never a throw for a user's mistake. `message` and each field
 * error are translation keys under "errors" (the UI translates them, with `values`).
 * Pure (no server-only): components import the type, app/ builds it, tests read it.
 */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string | number>;
  data?: unknown;
} | null;

/** FormData to a plain object; keys ending in "[]" are always arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    if (key.endsWith("[]")) out[key.slice(0, -2)] = all;
    else out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}
