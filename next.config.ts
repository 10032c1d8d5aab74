import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
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
    "@zone-eu/wildduck",
  ],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "30mb" },
  },
};

export default withNextIntl(nextConfig);
