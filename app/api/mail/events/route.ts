import { cookies } from "next/headers";
import { getDb, getDbHandle } from "@/db/client";
import { readSessionToken } from "@/app/_lib/session-token";
import { loadActor } from "@/lib/auth/actor";
import { onShutdown } from "@/lib/runtime/shutdown";
import {
  sharedMailboxChanges,
  watchLiveMail,
  type LiveMailEvent,
  type LiveReplyingEvent,
} from "@/lib/events/live-mail";

export const dynamic = "force-dynamic";

/** How often the stream says it is alive, re-checks the session and re-reads the actor's mailboxes. */
const HEARTBEAT_MS = 25_000;

/**
 * GET /api/mail/events: server-sent events for the signed-in user's mailboxes (own and delegated
 * with Full Access), fed by the database's change notifications (lib/events/live-mail.ts). Each
 * `folders` event carries the changed folders' counters, each `replying` event who else is writing
 * a reply in a shared mailbox's conversation (lib/replies/presence.ts); the stream ends with an
 * `end` event when the session does (signed out, revoked, suspended), and the browser does not
 * reconnect then.
 */
export async function GET(request: Request) {
  const session = await readSessionToken(await cookies());
  const db = getDb();
  const actor = session ? await loadActor(db, session) : null;
  if (!session || !actor)
    return new Response("Unauthorized", { status: 401, headers: { "Cache-Control": "no-store" } });
  const changes = await sharedMailboxChanges(getDbHandle());
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let ended = false;
      const write = (text: string) => {
        if (!ended) controller.enqueue(encoder.encode(text));
      };
      const send = (event: LiveMailEvent) => write(`event: folders\ndata: ${JSON.stringify(event)}\n\n`);
      const sendReplying = (event: LiveReplyingEvent) => write(`event: replying\ndata: ${JSON.stringify(event)}\n\n`);
      const watch = await watchLiveMail(db, changes, actor, send, {
        onError: (error) => console.error("[mailroom] live mail:", error),
        sendReplying,
      });
      const heartbeat = setInterval(async () => {
        try {
          if (!(await loadActor(db, session))) {
            write("event: end\ndata: {}\n\n");
            return stop();
          }
          await watch.recheck();
          write(": alive\n\n");
        } catch (error) {
          console.error("[mailroom] live mail:", error);
        }
      }, HEARTBEAT_MS);
      // A stream never ends by itself: shutting down ends it, so requests in flight can finish.
      const unregister = onShutdown("live mail stream", () => stop());
      stop = () => {
        if (ended) return;
        ended = true;
        unregister();
        clearInterval(heartbeat);
        watch.close();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      request.signal.addEventListener("abort", () => stop());
      if (request.signal.aborted) return stop();
      write("retry: 2000\n: open\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the server's compression leaves the stream alone (it would buffer events).
      "Cache-Control": "private, no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
