import type { Db } from "@/db/client";
import { liveSessionIds } from "@/lib/auth/live-sessions";
import { resolveImapFolder } from "@/lib/imap-store/folders";
import { endConnection, type ImapCoreServer, type ImapSession } from "./imap-core";
import { SelectedFolder } from "./notifier";
import type { ImapUser } from "./session-guard";

export const DEFAULT_RECHECK_MS = 5000;

/**
 * Commands re-check the session before they run (session-guard.ts); a connection that sends none —
 * IDLE-ing for hours — is re-checked here, every few seconds: one query per thousand open sessions
 * for their validity (ended on the sessions page, password reset, suspension, deletion), and the
 * Full Access of each session whose selected folder is a shared mailbox (the same check as a
 * command). A session that fails is told `* BYE` and closed. Sweeps never overlap.
 */
export function sweepOpenSessions(
  server: ImapCoreServer,
  db: Db,
  log: (error: unknown) => void,
  intervalMs = DEFAULT_RECHECK_MS,
): () => void {
  let running = false;
  const sweep = async () => {
    const open: { session: ImapSession; user: ImapUser }[] = [];
    for (const connection of server.connections as Set<{ session?: ImapSession; _closing?: boolean }>) {
      const user = connection.session?.user as ImapUser | undefined;
      if (user?.claims && !connection._closing) open.push({ session: connection.session, user });
    }
    if (open.length === 0) return;
    const live = await liveSessionIds(
      db,
      open.map((o) => o.user.claims),
    );
    for (const { session, user } of open) {
      if (!live.has(user.claims.sessionId)) {
        endConnection(session, "Your session has ended: sign in again");
        continue;
      }
      const selected = session.selected?.mailbox;
      if (!(selected instanceof SelectedFolder) || selected.key.startsWith(`${user.id}:`)) continue;
      const folder = await resolveImapFolder(db, selected.actor, selected.path);
      if (!folder) endConnection(session, "You no longer have access to this mailbox");
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch(log)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
