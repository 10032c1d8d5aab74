import { messageAttachment } from "@/lib/messages/downloads";
import { serveDownload } from "@/app/_lib/serve-download";

type Ctx = { params: Promise<{ address: string; folder: string; messageId: string; index: string }> };

/** One attachment, always as a download, with a safe content type. */
export async function GET(_request: Request, { params }: Ctx) {
  const { index } = await params;
  const n = /^\d{1,5}$/.test(index) ? Number(index) : -1;
  return serveDownload(params, (db, actor, at) => messageAttachment(db, actor, at, n));
}
