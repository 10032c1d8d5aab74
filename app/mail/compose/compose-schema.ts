import { z } from "zod";
import { formCheckbox } from "@/app/_lib/define-action";
import { parseFromValue } from "@/lib/compose/from";
import { MAX_ADDRESS_FIELD_CHARS, MAX_ATTACHMENT_BYTES, MAX_BODY_CHARS, MAX_SUBJECT_CHARS } from "@/lib/compose/limits";

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

/**
 * The compose form, as the compose action (send, save, discard) and the autosave endpoint
 * (app/api/drafts) receive it.
 */
export const composeSchema = z.object({
  intent: z.enum(["send", "draft", "discard"]).default("send"),
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
  /** The rich editor's HTML: present only once the editor has replaced the textarea. */
  html: z
    .string()
    .max(MAX_BODY_CHARS * 4, "tooLong")
    .optional(),
  signature: formCheckbox.default(false),
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
  /** When the form was opened, as the compose page rendered it (no double replies). */
  openedAt: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.date("invalid").optional()),
  sendAnyway: formCheckbox.default(false),
  /** The mailbox the person is composing in (?mailbox=), to come back to it. */
  context: z.string().max(320).optional(),
});
