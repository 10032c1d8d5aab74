export { auth as proxy } from "@/auth";

/** Redirects the signed-out to /login; pages and actions check the session again themselves. */
export const config = {
  matcher: ["/((?!login|api/auth|api/health|_next/static|_next/image|favicon.ico).*)"],
};
