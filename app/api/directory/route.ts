import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { currentActor } from "@/app/_lib/current-actor";
import { searchDirectory } from "@/lib/directory/search";

/** Address-book suggestions for the signed-in user (R9): GET /api/directory?q=… → { results }. */
export async function GET(request: NextRequest) {
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ error: "signedOut" }, { status: 401 });
  const q = request.nextUrl.searchParams.get("q") ?? "";
  const results = await searchDirectory(getDb(), actor, q);
  return NextResponse.json({ results }, { headers: { "Cache-Control": "private, no-store" } });
}
