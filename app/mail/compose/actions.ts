"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction, type ActionState } from "@/app/_lib/define-action";
import { discardDraft, saveDraft } from "@/lib/compose/drafts";
import { sendMessage } from "@/lib/compose/send";
import { encodeFailures } from "@/lib/compose/sent-summary";
import { composeSchema } from "./compose-schema";

const handle = defineAction(composeSchema, async (input, { actor, db }) => {
  if (input.intent === "discard") {
    const from = input.draftId ? await discardDraft(db, actor, input.draftId) : null;
    revalidatePath("/mail", "layout");
    const where = from ?? input.context;
    redirect(where ? `/mail/${encodeURIComponent(where)}/${from ? "drafts" : "inbox"}` : "/mail");
  }
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

const ECHOED = ["from", "to", "cc", "bcc", "subject", "body", "html"] as const;

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
