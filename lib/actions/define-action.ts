import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/current-actor";
import { DomainError } from "@/lib/errors";

/**
 * What every server action returns: never a throw for a user's mistake. `message` and each field
 * error are translation keys under "errors" (the UI translates them, with `values`).
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

type Handler<S extends z.ZodType> = (input: z.infer<S>, ctx: { actor: Actor; db: Db }) => Promise<ActionState | void>;

/**
 * zod parse → session → domain call, with one shape of answer. Domain errors become their code;
 * anything unexpected is logged and answered "unexpected" with no detail. redirect() passes.
 */
export function defineAction<S extends z.ZodType>(schema: S, handler: Handler<S>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const actor = await currentActor();
    if (!actor) return { ok: false, message: "signedOut" };
    const parsed = schema.safeParse(formData instanceof FormData ? formDataToObject(formData) : formData);
    if (!parsed.success) {
      return { ok: false, message: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as never };
    }
    try {
      return (await handler(parsed.data, { actor, db: getDb() })) ?? { ok: true };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof DomainError) {
        return { ok: false, message: error.code, fieldErrors: error.fieldErrors, values: error.values };
      }
      console.error("[action]", error);
      return { ok: false, message: "unexpected" };
    }
  };
}

/** Refuses anyone but an admin of the actor's organisation (lib checks the org on each row). */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new DomainError("noAccess");
}

/** zod helpers for form fields. */
export const formText = (max = 200) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "controlCharacters");
export const formCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
