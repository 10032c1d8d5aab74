import type { NextRequest } from "next/server";
import { serverConfig } from "@/lib/config/server-config";
import { originAllowed } from "@/lib/http/security";

/**
 * A cross-site page must not be able to write with the user's cookie: the one origin rule of the
 * proxy (lib/http/security.ts), checked again by the routes that answer a beacon (the proxy lets
 * a beacon's POST through to them).
 */
export const sameOrigin = (request: NextRequest) =>
  originAllowed({
    method: request.method,
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    siteOrigin: serverConfig().siteOrigin,
  });
