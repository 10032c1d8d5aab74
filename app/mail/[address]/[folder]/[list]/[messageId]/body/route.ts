import type { NextRequest } from "next/server";
import { messageFrame } from "@/lib/messages/downloads";
import { serveDownload } from "@/app/_lib/serve-download";

type Ctx = { params: Promise<{ address: string; folder: string; messageId: string }> };

/** The sanitised HTML body, for the reading pane's sandboxed frame (strict CSP header). */
export async function GET(request: NextRequest, { params }: Ctx) {
  const allowRemoteImages = request.nextUrl.searchParams.get("images") === "1";
  return serveDownload(params, (db, actor, at) => messageFrame(db, actor, at, { allowRemoteImages }));
}
