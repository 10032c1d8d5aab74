import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clientAddressOf } from "@/lib/auth/client-address";
import { createSession, revokeSession, touchSession } from "@/lib/auth/sessions";
import { verifySignIn } from "@/lib/auth/sign-in";
import { serverConfig } from "@/lib/config/server-config";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { authConfig } from "./auth.config";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  trustHost: serverConfig().trustHost,
  session: { ...authConfig.session, maxAge: serverConfig().sessionHours * 60 * 60 },
  logger: {
    // A wrong password is an answer, not an incident: no stack trace in the log.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
  },
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; orgId: string; role: "user" | "admin"; sid: string };
        return { ...token, accountId: u.id, orgId: u.orgId, role: u.role, sid: u.sid, authAt: Date.now() };
      }
      // A renewal (and /api/auth/session): the session must still be live on the server.
      if (!(await touchSession(getDb(), token.sid, token.accountId))) return null;
      return token;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      await revokeSession(getDb(), token?.sid);
    },
  },
  providers: [
    Credentials({
      credentials: { address: {}, password: {} },
      async authorize(credentials, request) {
        const address = typeof credentials?.address === "string" ? credentials.address : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!address || !password) return null;
        const client = clientAddressOf(request?.headers);
        const db = getDb();
        const result = await verifySignIn(db, { address, password, client });
        const outcome = result.ok ? "ok" : result.error === "throttled" ? "throttled" : "invalid";
        metrics.signIns.inc({ outcome });
        logger.info({ client, outcome }, "sign-in");
        if (result.ok) {
          const a = result.account;
          const session = await createSession(db, {
            accountId: a.id,
            orgId: a.orgId,
            userAgent: request?.headers.get("user-agent"),
            ip: client,
          });
          return { id: a.id, orgId: a.orgId, role: a.role, email: a.address, name: a.displayName, sid: session.id };
        }
        if (result.error === "throttled") throw new ThrottledSignIn();
        return null;
      },
    }),
  ],
}));
