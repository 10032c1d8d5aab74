import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3210);
// Set once in the runner and inherited by the workers, so tests can read a snapshot of the database.
const dataDir = (process.env.E2E_DATA_DIR ||= `/tmp/mailroom-e2e-${Date.now()}`);

/**
 * Browser tests against the production build on a fresh embedded database seeded with the demo
 * organisation. Uses Debian's Chromium (apt-get install chromium).
 */
export default defineConfig({
  testDir: "tests/e2e",
  // The set-up path starts its own server on an empty database: playwright.setup.config.ts.
  testIgnore: ["setup-path.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node scripts/run.mjs start`,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(PORT),
      MAILROOM_DATA_DIR: dataDir,
      MAILROOM_DEMO: "1",
      DATABASE_URL: "",
      MAILROOM_SECRET_FILE: `${dataDir}.secret`,
      MAILROOM_SMTP_PORT: "off",
      // Mail to outside addresses goes to the far end that tests/e2e/outbound-reply.spec.ts runs.
      MAILROOM_MX_HOST: "127.0.0.1",
      MAILROOM_MX_PORT: process.env.E2E_FAR_END_PORT || "1687",
      MAILROOM_OUTBOUND_POLL_SECONDS: "1",
      MAILROOM_IMAP_PORT: "off",
    },
  },
});
