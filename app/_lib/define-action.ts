import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { formDataToObject, type ActionState } from "@/lib/forms/action-state";
import { currentActor } from "./current-actor";

export type { ActionState } from "@/lib/forms/action-state";
export { formDataToObject } from "@/lib/forms/action-state";
export { formCheckbox, formText } from "@/lib/forms/form-fields";

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
