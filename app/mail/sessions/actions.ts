"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { currentActor } from "@/app/_lib/current-actor";
import { endOwnSessions } from "@/lib/auth/sessions";

const schema = z.object({ id: z.uuid().optional() });

/** Ends one of the user's other sessions (id), or all of them; the current one stays. */
export async function endSessionsAction(formData: FormData): Promise<void> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const parsed = schema.safeParse({ id: formData.get("id") || undefined });
  const ended = parsed.success ? await endOwnSessions(getDb(), actor, parsed.data) : 0;
  redirect(`/mail/sessions?ended=${ended}`);
}
