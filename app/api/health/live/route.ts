export const dynamic = "force-dynamic";

/** Liveness: the process answers (no database call, so a database outage does not restart it). */
export function GET() {
  return Response.json({ ok: true });
}
