import "server-only";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { addressParam } from "@/lib/mailboxes/url";
import type { Download, MessageAt } from "@/lib/messages/downloads";
import { currentActor } from "./current-actor";

type Params = { address: string; folder: string; messageId: string };

/**
 * The shape of the reading pane's route handlers: the session's actor, the URL's message, and a 404
 * for anything the actor may not open (or no session), exactly like the pages.
 */
export async function serveDownload(
  params: Promise<Params>,
  produce: (db: Db, actor: Actor, at: MessageAt) => Promise<Download>,
): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response("Not found", { status: 404 });
  const { address, folder, messageId } = await params;
  try {
    const download = await produce(getDb(), actor, { address: addressParam(address), folder, messageId });
    const body = typeof download.body === "string" ? download.body : new Uint8Array(download.body);
    return new Response(body, { status: 200, headers: download.headers });
  } catch (error) {
    if (error instanceof DomainError && error.code === "notFound") return new Response("Not found", { status: 404 });
    throw error;
  }
}
