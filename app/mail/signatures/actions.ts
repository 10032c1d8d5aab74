"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/app/_lib/define-action";
import { MAX_SIGNATURE_CHARS, setSignature } from "@/lib/compose/signatures";

const schema = z.object({
  mailbox: z.string().min(1, "required").max(320, "tooLong"),
  text: z
    .string()
    .max(MAX_SIGNATURE_CHARS, "tooLong")
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "controlCharacters")
    .default(""),
});

/** Sets a mailbox's signature (Full Access on it, checked in lib/compose/signatures). */
export const saveSignatureAction = defineAction(schema, async (input, { actor, db }) => {
  await setSignature(db, actor, input.mailbox, input.text);
  revalidatePath("/mail/signatures");
  return { ok: true, values: { mailbox: input.mailbox } };
});
