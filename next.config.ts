import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { MAX_REQUEST_BYTES } from "./lib/compose/limits";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./app/_lib/i18n-request.ts",
  // ICU messages compiled at build time: pages format them without parsing them on each request.
  experimental: { messages: { path: "./messages", format: "json", locales: ["en", "fr"], precompile: true } },
});

const nextConfig: NextConfig = {
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "mailparser",
    "sanitize-html",
    "smtp-server",
    "mailauth",
    "nodemailer",
    "pino",
    "prom-client",
    "@zone-eu/wildduck",
  ],
  poweredByHeader: false,
  experimental: {
    // One limit end to end: the proxy's copy of the body and the server action's (Next's default
    // proxy cap of 10 MB cut compose requests with attachments between 10 and 20 MB).
    serverActions: { bodySizeLimit: MAX_REQUEST_BYTES },
    proxyClientMaxBodySize: MAX_REQUEST_BYTES,
  },
  // Static files too (pages and routes get these and their CSP from proxy.ts).
  async headers() {
    return [
      {
        source: "/_next/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
