"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/app/_lib/define-action";
import { assignConversation, markConversationDone } from "@/lib/conversations/triage";
import { UUID_RE } from "@/lib/messages/ids";

/**
 * Assign and resolve a shared mailbox's conversation (from its open message): one plain form, its
 * button saying what to do. lib/conversations checks Full Access on the mailbox (R12).
 */
const uuid = z.string().regex(UUID_RE, "notFound");

export const triageAction = defineAction(
  z.object({
    mailbox: z.string({ error: "required" }).trim().min(1, "required").max(320, "tooLong"),
    messageId: uuid,
    intent: z.enum(["assign", "take", "done", "reopen"], { error: "invalid" }),
    assigneeId: z.preprocess((v) => (v === "" || v == null ? null : v), uuid.nullable()),
  }),
  async (input, { actor, db }) => {
    const ref = { address: input.mailbox, messageId: input.messageId };
    const result =
      input.intent === "assign" || input.intent === "take"
        ? await assignConversation(db, actor, {
            ...ref,
            assigneeId: input.intent === "take" ? actor.id : input.assigneeId,
          })
        : await markConversationDone(db, actor, { ...ref, done: input.intent === "done" });
    revalidatePath("/mail", "layout");
    return { ok: true, values: { done: String(result.done), assignee: result.assignee?.name ?? "none" } };
  },
);
