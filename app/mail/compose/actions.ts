"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionState } from "@/app/_lib/define-action";
import { saveDraft } from "@/lib/compose/drafts";
import { parseFromValue } from "@/lib/compose/from";
import { MAX_ADDRESS_FIELD_CHARS, MAX_ATTACHMENT_BYTES, MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from "@/lib/compose/limits";
import { sendMessage } from "@/lib/compose/send";
import { encodeFailures } from "@/lib/compose/sent-summary";

/** One header line: no CR, LF or other control character can reach a header (header injection). */
const headerText = (max: number) =>
  z
    .string()
    .max(max, "tooLong")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "controlCharacters")
    .default("");

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid("invalid").optional());

const isFile = (v: unknown): v is File =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Blob).arrayBuffer === "function" &&
  typeof (v as File).name === "string";

const schema = z.object({
  intent: z.enum(["send", "draft"]).default("send"),
  from: z
    .string({ error: "required" })
    .transform(
      (value, ctx) => parseFromValue(value) ?? (ctx.addIssue({ code: "custom", message: "sendForbidden" }), z.NEVER),
    ),
  to: headerText(MAX_ADDRESS_FIELD_CHARS),
  cc: headerText(MAX_ADDRESS_FIELD_CHARS),
  bcc: headerText(MAX_ADDRESS_FIELD_CHARS),
  subject: headerText(MAX_SUBJECT_CHARS),
  body: z.string().max(MAX_BODY_CHARS, "tooLong").default(""),
  // A file input with nothing chosen still sends one empty file (nameless, or named "undefined"
  // once the form went through JavaScript): an empty file is never an attachment.
  attachments: z
    .array(z.unknown())
    .default([])
    .transform((list) => list.filter(isFile).filter((f) => f.size > 0))
    .refine((files) => files.reduce((sum, f) => sum + f.size, 0) <= MAX_ATTACHMENT_BYTES, "attachmentsTooLarge"),
  keep: z.array(z.coerce.number().int().min(0).max(10_000)).default([]),
  attachFrom: optionalId,
  replyOf: optionalId,
  draftId: optionalId,
  /** The mailbox the person is composing in (?mailbox=), to come back to it. */
  context: z.string().max(320).optional(),
});

const handle = defineAction(schema, async (input, { actor, db }) => {
  if (input.intent === "draft") {
    const draft = await saveDraft(db, actor, input);
    revalidatePath("/mail", "layout");
    const params = new URLSearchParams({ draft: draft.id, saved: "1" });
    if (input.context) params.set("mailbox", input.context);
    redirect(`/mail/compose?${params}`);
  }
  const result = await sendMessage(db, actor, input);
  revalidatePath("/mail", "layout");
  // Post/redirect/get: reloading the confirmation never sends twice, with or without JavaScript.
  const params = new URLSearchParams({ message: result.sentCopyId });
  for (const failure of encodeFailures(result.failed)) params.append("f", failure);
  if (input.context) params.set("mailbox", input.context);
  redirect(`/mail/compose/sent?${params}`);
});

const ECHOED = ["from", "to", "cc", "bcc", "subject", "body"] as const;

/**
 * Sends (then redirects to the confirmation) or saves a draft (then reopens it). When it fails,
 * what was typed comes back in `data.echo`, so the form shows it again even without JavaScript.
 */
export async function composeAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handle(prev, formData);
  if (state && !state.ok) {
    const echo = Object.fromEntries(ECHOED.map((k) => [k, String(formData.get(k) ?? "")]));
    return { ...state, data: { echo } };
  }
  return state;
}
