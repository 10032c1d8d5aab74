"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/app/_lib/define-action";
import { UUID_RE } from "@/lib/messages/ids";
import { addNote, deleteNote, MAX_NOTE_CHARS } from "@/lib/notes/notes";

/**
 * Internal notes on a shared mailbox's messages: plain forms. lib/notes checks Full Access on the
 * mailbox (R12) in the transaction that writes.
 */
const mailbox = z.string({ error: "required" }).trim().min(1, "required").max(320, "tooLong");
const uuid = z.string().regex(UUID_RE, "notFound");

export const addNoteAction = defineAction(
  z.object({
    mailbox,
    messageId: uuid,
    body: z
      .string({ error: "noteEmpty" })
      .trim()
      .min(1, "noteEmpty")
      .max(MAX_NOTE_CHARS, "noteTooLong")
      .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "controlCharacters"),
  }),
  async (input, { actor, db }) => {
    // The proxy lets a server action through from the site's own origin only.
    const origin = (await headers()).get("origin") ?? "";
    const added = await addNote(db, actor, {
      address: input.mailbox,
      messageId: input.messageId,
      body: input.body,
      origin,
    });
    revalidatePath("/mail", "layout");
    return { ok: true, values: { mentioned: added.mentioned.length } };
  },
);

export const deleteNoteAction = defineAction(z.object({ mailbox, noteId: uuid }), async (input, { actor, db }) => {
  await deleteNote(db, actor, input.mailbox, input.noteId);
  revalidatePath("/mail", "layout");
  return { ok: true };
});
