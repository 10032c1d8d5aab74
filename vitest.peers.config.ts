import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  "server-only": path.join(root, "tests/support/empty-module.ts"),
};

/**
 * Tests against real peers from Debian (swaks, Postfix, mbsync, curl, HAProxy): `npm run test:peers`.
 * Kept out of `npm test`, which needs nothing but Node; .ci/run installs the packages and runs both.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    name: "peers",
    environment: "node",
    include: ["tests/peers/**/*.test.ts"],
    globalSetup: ["tests/support/global-db-setup.ts"],
    setupFiles: ["tests/support/next-mocks.ts"],
    server: { deps: { inline: ["next-auth", "next-intl"] } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
