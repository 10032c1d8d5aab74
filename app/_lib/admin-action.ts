import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, requireAdmin } from "@/lib/admin/require-admin";
import { currentActor } from "./current-actor";
import { defineAction, formDataToObject, type ActionState } from "./define-action";

type Handler<S extends z.ZodType> = (input: z.infer<S>, ctx: { actor: Actor; db: Db }) => Promise<ActionState | void>;

/** What the form sent, for showing it again (multi-step forms, errors); never a password. */
function echo(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(formDataToObject(formData))) {
    if (key.startsWith("$ACTION") || /password/i.test(key)) continue;
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

/**
 * The admin area's server actions: a non-admin is answered "no access" before their input is
 * even read; then defineAction (zod, session, domain errors) runs with the admin check again.
 * The answer carries the submitted fields back as `data.input` (passwords excepted), so a form
 * shows what was typed after an error or on the next step, with or without JavaScript.
 */
export function adminAction<S extends z.ZodType>(schema: S, handler: Handler<S>) {
  const run = defineAction(schema, async (input, ctx) => {
    requireAdmin(ctx.actor);
    return handler(input, ctx);
  });
  return async (prev: ActionState, formData: FormData): Promise<ActionState> => {
    const actor = await currentActor();
    if (actor && !isAdmin(actor)) return { ok: false, message: "noAccess" };
    const state = await run(prev, formData);
    if (!state || !(formData instanceof FormData)) return state;
    const data = typeof state.data === "object" && state.data !== null ? state.data : {};
    return { ...state, data: { ...data, input: echo(formData) } };
  };
}
