import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** Readiness: the server answers and its database does. */
export async function GET() {
  await getDb().execute(sql`select 1`);
  return Response.json({ ok: true });
}
