import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formDataToObject } from "@/app/_lib/define-action";
import { composeSchema } from "@/app/mail/compose/compose-schema";
import { saveDraft } from "@/lib/compose/drafts";
import { noStore, readBeaconForm } from "@/app/_lib/beacon-form";
import { DomainError } from "@/lib/errors";

/**
 * Compose's autosave: POST /api/drafts with the compose form (fetch every few seconds while it
 * changed, navigator.sendBeacon when the page is left) → { ok, draftId, attachments } — the same
 * draft each time once it has an id (saveDraft keeps it). Refusals answer like the compose action:
 * { ok: false, message, fieldErrors }, never a stack trace.
 */
export async function POST(request: NextRequest) {
  const read = await readBeaconForm(request);
  if (read instanceof NextResponse) return read;
  const { actor, form } = read;
  const parsed = composeSchema.safeParse(formDataToObject(form));
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return NextResponse.json({ ok: false, message: "invalid", fieldErrors }, { status: 400, headers: noStore });
  }
  try {
    const draft = await saveDraft(getDb(), actor, parsed.data);
    return NextResponse.json({ ok: true, draftId: draft.id, attachments: draft.attachments }, { headers: noStore });
  } catch (error) {
    if (error instanceof DomainError) {
      const body = { ok: false, message: error.code, fieldErrors: error.fieldErrors, values: error.values };
      return NextResponse.json(body, { status: error.code === "notFound" ? 404 : 400, headers: noStore });
    }
    console.error("[autosave]", error);
    return NextResponse.json({ ok: false, message: "unexpected" }, { status: 503, headers: noStore });
  }
}
