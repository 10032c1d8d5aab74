import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { verifySignIn } from "@/lib/auth/sign-in";
import { authConfig } from "./auth.config";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

function clientIp(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an answer, not an incident: no stack trace in the log.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
  },
  providers: [
    Credentials({
      credentials: { address: {}, password: {} },
      async authorize(credentials, request) {
        const address = typeof credentials?.address === "string" ? credentials.address : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!address || !password) return null;
        const result = await verifySignIn(getDb(), { address, password, ip: clientIp(request) });
        if (result.ok) {
          const a = result.account;
          return { id: a.id, orgId: a.orgId, role: a.role, email: a.address, name: a.displayName };
        }
        if (result.error === "throttled") throw new ThrottledSignIn();
        return null;
      },
    }),
  ],
});
