import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  "server-only": path.join(root, "tests/support/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"], sequence: { groupOrder: 0 } },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-db-setup.ts"],
          setupFiles: ["tests/support/next-mocks.ts"],
          server: { deps: { inline: ["next-auth", "next-intl"] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          // Projects with different maxWorkers need their own group to run in one `vitest run`.
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        esbuild: { jsx: "automatic" },
        test: {
          name: "components",
          environment: "jsdom",
          include: ["tests/components/**/*.test.tsx"],
          setupFiles: ["tests/support/components-setup.ts"],
          server: { deps: { inline: ["next-intl"] } },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
