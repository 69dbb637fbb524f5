import path from "node:path";
import { defineConfig } from "@playwright/test";

// The config must know baseURL before global setup starts the server, so the port is chosen
// here: E2E_PORT if given, else a random one so two runs on one machine do not collide.
// Workers inherit process.env from the runner, so they re-read the same choice.
// Both stay below Linux's ephemeral range (32768-60999), where any outgoing connection may be
// holding a port at the moment the server binds it; global setup still moves the database's
// port on when it is taken.
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 6000));
process.env.E2E_PG_PORT ??= String(Number(process.env.E2E_PORT) + 6000);
const port = Number(process.env.E2E_PORT);
export const baseURL = `http://localhost:${port}`;

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  testDir: path.join(root, "e2e/specs"),
  // Journeys share one server and build on each other (setup first): files run in name order.
  fullyParallel: false,
  workers: 1,
  // CI runs on a loaded 2-core machine: a journey that fails is run once more there, and one
  // that then passes is reported as flaky by name at the end of the log (scripts/test-all.ts),
  // not hidden. Locally a failure is a failure at once.
  retries: process.env.CI ? 1 : 0,
  // Generous for a loaded 2-core machine, but bounded: a hung journey fails, and the whole run
  // stops at globalTimeout (global teardown still stops the server) instead of waiting for ever.
  timeout: 120_000,
  globalTimeout: 40 * 60_000,
  expect: { timeout: 15_000 },
  outputDir: path.join(root, "test-results/e2e-artifacts"),
  reporter: [["list"], ["json", { outputFile: path.join(root, "test-results/e2e.json") }]],
  globalSetup: path.join(root, "e2e/global-setup.ts"),
  globalTeardown: path.join(root, "e2e/global-teardown.ts"),
  use: {
    baseURL,
    browserName: "chromium",
    // No animations: axe then never measures colours halfway through a fade.
    reducedMotion: "reduce",
    trace: "retain-on-failure",
    actionTimeout: 30_000,
    navigationTimeout: 45_000,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
