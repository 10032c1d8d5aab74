import { NextResponse, type NextRequest } from "next/server";
import { currentActor } from "@/app/_lib/current-actor";
import type { Actor } from "@/lib/auth/actor";
import { serverConfig } from "@/lib/config/server-config";
import { originAllowed } from "@/lib/http/security";

export const noStore = { "Cache-Control": "private, no-store" };

/**
 * A cross-site page must not be able to write with the user's cookie: the one origin rule of the
 * proxy (lib/http/security.ts), checked again by the routes that answer a beacon.
 */
const sameOrigin = (request: NextRequest) =>
  originAllowed({
    method: request.method,
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    siteOrigin: serverConfig().siteOrigin,
  });

/**
 * The start of a route that takes a form by fetch or navigator.sendBeacon (autosave, "is
 * replying"): same origin, a signed-in person, a readable form — or the answer to send instead
 * ({ ok: false, message }: forbidden, signedOut, invalid).
 */
export async function readBeaconForm(request: NextRequest): Promise<{ actor: Actor; form: FormData } | NextResponse> {
  if (!sameOrigin(request)) return NextResponse.json({ ok: false, message: "forbidden" }, { status: 403 });
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ ok: false, message: "signedOut" }, { status: 401, headers: noStore });
  try {
    return { actor, form: await request.formData() };
  } catch {
    return NextResponse.json({ ok: false, message: "invalid" }, { status: 400, headers: noStore });
  }
}
