import { getDb } from "@/db/client";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: the database is reachable and its migrations are applied (503 otherwise). */
export async function GET() {
  const readiness = await checkReadiness(getDb());
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
}
