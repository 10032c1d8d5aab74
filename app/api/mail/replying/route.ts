import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { currentActor } from "@/app/_lib/current-actor";
import { formCheckbox, formDataToObject } from "@/app/_lib/define-action";
import { sameOrigin } from "@/app/_lib/same-origin";
import { DomainError } from "@/lib/errors";
import { startReplying, stopReplying } from "@/lib/replies/presence";

const noStore = { "Cache-Control": "private, no-store" };

const replyingSchema = z.object({ messageId: z.uuid("invalid"), active: formCheckbox.default(false) });

/**
 * POST /api/mail/replying (messageId, active): the reply form of a shared mailbox's message says it
 * is open (on opening, then every few seconds) or closed (on leaving: a beacon) — "Claire is
 * replying" for the others (lib/replies/presence.ts). Answers { ok } or { ok: false, message }.
 */
export async function POST(request: NextRequest) {
  if (!sameOrigin(request)) return NextResponse.json({ ok: false, message: "forbidden" }, { status: 403 });
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ ok: false, message: "signedOut" }, { status: 401, headers: noStore });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ ok: false, message: "invalid" }, { status: 400, headers: noStore });
  }
  const parsed = replyingSchema.safeParse(formDataToObject(form));
  if (!parsed.success) return NextResponse.json({ ok: false, message: "invalid" }, { status: 400, headers: noStore });
  try {
    const { messageId, active } = parsed.data;
    await (active ? startReplying : stopReplying)(getDb(), actor, messageId);
    return NextResponse.json({ ok: true }, { headers: noStore });
  } catch (error) {
    if (error instanceof DomainError) {
      return NextResponse.json({ ok: false, message: error.code }, { status: 404, headers: noStore });
    }
    console.error("[replying]", error);
    return NextResponse.json({ ok: false, message: "unexpected" }, { status: 503, headers: noStore });
  }
}
