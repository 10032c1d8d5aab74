"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { actOnQueueEntry, generateOrgDkimKey, QUEUE_VIEWS, setSendLimit } from "@/lib/admin/outbound/queue";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { DomainError } from "@/lib/errors";

const entrySchema = z.object({
  id: z.string(),
  action: z.enum(["retry", "cancel"]),
  view: z.enum(QUEUE_VIEWS).catch("queued"),
});
const limitSchema = z.object({ limit: z.coerce.number().int().min(0).max(100_000) });
const domainSchema = z.object({ domain: z.string().min(1).max(253) });

/** Runs an admin change and comes back to the page with a notice or an error code (works without JavaScript). */
async function run(view: string, change: () => Promise<string>): Promise<never> {
  let notice: string;
  try {
    notice = `notice=${await change()}`;
  } catch (error) {
    if (!(error instanceof DomainError) && !(error instanceof z.ZodError)) throw error;
    notice = `error=${error instanceof DomainError ? error.code : "invalid"}`;
  }
  revalidatePath("/admin/outbound");
  redirect(`/admin/outbound?view=${view}&${notice}`);
}

export async function queueEntryAction(formData: FormData): Promise<void> {
  const actor = await requireAdminPage();
  const input = entrySchema.safeParse(Object.fromEntries(formData));
  const view = input.success ? input.data.view : "queued";
  await run(view, async () => {
    if (!input.success) throw new DomainError("invalid");
    await actOnQueueEntry(getDb(), actor, input.data);
    return input.data.action === "retry" ? "retried" : "cancelled";
  });
}

export async function sendLimitAction(formData: FormData): Promise<void> {
  const actor = await requireAdminPage();
  await run("queued", async () => {
    await setSendLimit(getDb(), actor, limitSchema.parse(Object.fromEntries(formData)));
    return "limitSaved";
  });
}

export async function dkimAction(formData: FormData): Promise<void> {
  const actor = await requireAdminPage();
  await run("queued", async () => {
    await generateOrgDkimKey(getDb(), actor, domainSchema.parse(Object.fromEntries(formData)).domain);
    return "dkimGenerated";
  });
}
