import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "mailparser", "sanitize-html"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "30mb" },
  },
};

export default withNextIntl(nextConfig);
