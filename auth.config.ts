import type { NextAuthConfig } from "next-auth";

/**
 * The part of the Auth.js configuration with no Node-only imports. The proxy uses `authorized`
 * only to send the signed-out to /login; every page and action checks the session again itself.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  providers: [],
  callbacks: {
    authorized: ({ auth }) => Boolean(auth?.user),
    session({ session, token }) {
      const user = session.user as unknown as Record<string, unknown>;
      user.id = token.accountId;
      user.orgId = token.orgId;
      user.role = token.role;
      user.sid = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
