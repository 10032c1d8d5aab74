import { getDb } from "@/db/client";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** The readiness check (as /api/health/ready), kept at its first address for load balancers. */
export async function GET() {
  const readiness = await checkReadiness(getDb());
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
}
