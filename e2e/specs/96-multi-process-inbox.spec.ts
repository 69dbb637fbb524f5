import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { call, unique, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";
import { freePort } from "../support/email.ts";
import { serverLogFile } from "../support/state.ts";

/**
 * Issue #25: a scaled-out install. A second, `--web`-only Rapport process joins the e2e server's
 * database (and its AUTH_SECRET, as every process of one install shares it). A case created
 * through that second process appears, without a reload, in the inbox the browser has open on
 * the first: the write's NOTIFY reaches the other process's realtime listener and its socket.
 */
const root = path.resolve(import.meta.dirname, "../..");
let second: ChildProcess | undefined;
let secondUrl = "";

test.beforeAll(async () => {
  // The e2e server keeps its embedded PostgreSQL's password and its auth secret in DATA_DIR.
  const dataDir = path.dirname(serverLogFile());
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as {
    pgPassword: string;
    authSecret: string;
  };
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  second = spawn(path.join(root, "node_modules/.bin/node"), ["server/src/main.ts", "--web"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: `postgres://rapport:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
      AUTH_SECRET: secrets.authSecret,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: secondUrl,
      SMTP_PORT: String(await freePort()),
      DATA_DIR: path.join(dataDir, "second-web"),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      LOGIN_RATE_LIMIT: "500",
    },
    stdio: "ignore",
  });
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    const ready = await fetch(`${secondUrl}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    if (second.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the second web process did not become ready");
});

test.afterAll(async () => {
  if (!second || second.exitCode !== null) return;
  const exited = new Promise((r) => second?.once("exit", r));
  second.kill("SIGTERM");
  await exited;
});

test("a case created through a second app process appears live in the inbox served by the first", async ({
  page,
  playwright,
}) => {
  await signInAsAdmin(page);
  await waitForLive(page);
  await expectAccessible(page);

  // Another agent's tool talks to the other process.
  const api = await playwright.request.newContext({
    baseURL: secondUrl,
    extraHTTPHeaders: { Origin: secondUrl },
  });
  const signedIn = await api.post("/api/auth/sign-in/email", {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const id = unique();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Theo Process ${id}`,
    emails: [`theo-${id}@example.test`],
  });
  const subject = `Subwoofer hums on the second process ${id}`;
  await call(api, "post", "/api/v1/cases", { customerId: customer.id, subject, message: "It hums." });

  // No reload: the row arrives through the first process's socket.
  await expect(page.getByRole("row", { name: new RegExp(subject) })).toContainText(`Theo Process ${id}`);
  await api.dispose();
});
