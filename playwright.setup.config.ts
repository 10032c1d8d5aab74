import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The production set-up path (tests/e2e/setup-path.spec.ts): no demo seed and no shared server;
 * the test prepares a fresh embedded database with the command line, then starts the server on it.
 */
export default defineConfig({
  ...base,
  testMatch: ["setup-path.spec.ts"],
  testIgnore: [],
  webServer: undefined,
});
