import { messageEml } from "@/lib/messages/downloads";
import { serveDownload } from "@/app/_lib/serve-download";

type Ctx = { params: Promise<{ address: string; folder: string; messageId: string }> };

/** The raw RFC 5322 message, as a .eml download. */
export async function GET(_request: Request, { params }: Ctx) {
  return serveDownload(params, messageEml);
}
