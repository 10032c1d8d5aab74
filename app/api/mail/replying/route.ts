import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formCheckbox, formDataToObject } from "@/app/_lib/define-action";
import { noStore, readBeaconForm } from "@/app/_lib/beacon-form";
import { DomainError } from "@/lib/errors";
import { startReplying, stopReplying } from "@/lib/replies/presence";

const replyingSchema = z.object({ messageId: z.uuid("invalid"), active: formCheckbox.default(false) });

/**
 * POST /api/mail/replying (messageId, active): the reply form of a shared mailbox's message says it
 * is open (on opening, then every few seconds) or closed (on leaving: a beacon) — "Claire is
 * replying" for the others (lib/replies/presence.ts). Answers { ok } or { ok: false, message }.
 */
export async function POST(request: NextRequest) {
  const read = await readBeaconForm(request);
  if (read instanceof NextResponse) return read;
  const { actor, form } = read;
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
