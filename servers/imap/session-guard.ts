import type { Db } from "@/db/client";
import { loadActor, type Actor, type SessionClaims } from "@/lib/auth/actor";
import { createSession, revokeSession } from "@/lib/auth/sessions";
import { endConnection, type ImapCoreServer, type ImapSession } from "./imap-core";

type Callback = (err: unknown, result?: unknown) => void;

/** The hooks that run after sign-in: each re-checks the session first. */
const GUARDED = [
  "onList",
  "onLsub",
  "onSubscribe",
  "onUnsubscribe",
  "onOpen",
  "onStatus",
  "onFetch",
  "onStore",
  "onExpunge",
  "onCopy",
  "onMove",
  "onAppend",
  "onSearch",
  // servers/imap/extensions.ts
  "onMyRights",
  "onGetAcl",
  "onListRights",
  "onGetQuotaRoot",
  "onGetQuota",
  "onCreate",
  "onRename",
  "onDelete",
] as const;

/** What an IMAP connection keeps of its sign-in: the actor, and the claims its session is checked by. */
export type ImapUser = { id: string; username: string; actor: Actor; claims: SessionClaims };

/**
 * Opens a server-side session for an IMAP sign-in (lib/auth/sessions.ts), the same kind the
 * webmail opens: it is listed on the user's sessions page, ended by them or an admin, by a password
 * reset or a suspension, and reaches its absolute end like any other.
 */
export async function openImapSession(db: Db, actor: Omit<Actor, "sessionId">, ip: string): Promise<ImapUser> {
  const session = await createSession(db, { accountId: actor.id, orgId: actor.orgId, userAgent: "IMAP", ip });
  const claims: SessionClaims = {
    accountId: actor.id,
    orgId: actor.orgId,
    sessionId: session.id,
    signedInAt: Date.now(),
  };
  return { id: actor.id, username: actor.address, actor: { ...actor, sessionId: session.id }, claims };
}

/** imap-core hands its session object to every hook; it is the one with command counters. */
const sessionIn = (args: unknown[]): ImapSession | undefined =>
  args.find((a) => a !== null && typeof a === "object" && "commandCounters" in a && "remoteAddress" in a);

/**
 * Every command after sign-in checks the session as the webmail checks each request
 * (lib/auth/actor.ts `loadActor`, one query): an account suspended or deleted, a password reset, or
 * the session ended on the sessions page closes the connection with BYE before the command runs.
 * The actor is refreshed in place (a new display name reaches the open folders' views). The
 * session row ends when the connection closes.
 */
export function guardImapSessions(server: ImapCoreServer, db: Db, log: (error: unknown) => void): void {
  const hooks = server as unknown as Record<string, (...args: unknown[]) => void>;
  for (const name of GUARDED) {
    const hook = hooks[name];
    if (typeof hook !== "function") continue;
    hooks[name] = (...args: unknown[]) => {
      const callback = args[args.length - 1] as Callback;
      const session = sessionIn(args);
      const user = session?.user as ImapUser | undefined;
      if (!user?.claims) return callback(null, "NONEXISTENT");
      loadActor(db, user.claims)
        .then((actor) => {
          if (!actor) {
            // The command is not answered: BYE, and the connection closes (imap-core cleans up on close).
            endConnection(session, "Your session has ended: sign in again");
            return;
          }
          Object.assign(user.actor, actor);
          hook(...args);
        })
        .catch((error: unknown) => {
          log(error);
          callback(error);
        });
    };
  }
  hooks.onClose = (session: unknown, done: unknown) => {
    const user = (session as ImapSession | undefined)?.user as ImapUser | undefined;
    const finish = done as () => void;
    if (!user?.claims) return finish();
    revokeSession(db, user.claims.sessionId).catch(log).finally(finish);
  };
}
