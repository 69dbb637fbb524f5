import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SSR_LOADED_MESSAGE } from "../../src/platform/web.ts";
import { runCli } from "../cli.ts";
import { TestClient } from "../client.ts";
import { createTestDatabase, dropTestDatabase } from "../harness.ts";
import { stopTracked } from "../processes.ts";
import { type AppProcess, startProcess } from "./cluster.ts";

/**
 * Issue #25, memory per web process: a production `--web` process imports the server-rendering
 * bundle (about 100 MB once compiled) only when a page really renders. The API and the SPA's
 * routes (served from the head rendered at build time) must work without it, and the first
 * public page must still render in full. The process logs the import, which is how this test
 * sees whether it happened.
 */
const SECRET = "lazy-ssr-test-secret-0123456789abcdef";
let databaseUrl: string;
let web: AppProcess;
let base: string;

const loads = () => web.logs.filter((l) => l.msg === SSR_LOADED_MESSAGE).length;

before(async () => {
  databaseUrl = await createTestDatabase();
  web = await startProcess("web", {
    databaseUrl,
    publicUrl: "http://127.0.0.1",
    extra: { AUTH_SECRET: SECRET },
  });
  base = `http://127.0.0.1:${web.port}`;
});

after(async () => {
  await stopTracked();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

test("a --web process serves the API and the SPA without the server-rendering bundle, then renders a public page with it", async () => {
  // Before the first workspace the front door redirects to setup: nothing is rendered.
  const front = await fetch(`${base}/`, { redirect: "manual" });
  assert.equal(front.status, 302);
  assert.equal(front.headers.get("location"), "/setup");

  const cli = (args: string[]) => runCli(databaseUrl, args, 120_000, { AUTH_SECRET: SECRET });
  const made = await cli([
    "admin",
    "create",
    "--email",
    "lea@lazy.test",
    "--password",
    "lazy-password-1",
    "--workspace",
    "Lazy Lamps",
  ]);
  assert.equal(made.status, 0, made.stderr);
  const minted = await cli(["token", "create", "--email", "lea@lazy.test", "--name", "lazy"]);
  assert.equal(minted.status, 0, minted.stderr);
  const admin = new TestClient(base, {
    token: minted.stdout.trim().split("\n").at(-1) as string,
    origin: null,
  });
  const customer = await admin.post("/api/v1/customers", { name: "Lazy Lou", emails: ["lou@lazy.test"] });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));
  const opened = await admin.post("/api/v1/cases", {
    customerId: customer.body.id,
    subject: "Served without React",
    message: "Hello",
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const listed = await admin.get("/api/v1/cases?limit=5");
  assert.equal(listed.status, 200);
  assert.deepEqual(
    listed.body.items.map((c: { subject: string }) => c.subject),
    ["Served without React"],
  );

  // An SPA route: the shell with its colour-scheme script carrying this response's nonce.
  const spa = await fetch(`${base}/app/inbox`);
  assert.equal(spa.status, 200);
  const shell = await spa.text();
  const nonce = /'nonce-([^']+)'/.exec(spa.headers.get("content-security-policy") ?? "")?.[1];
  assert.ok(nonce, "the response allows one nonce");
  assert.ok(
    shell.includes(`<script nonce="${nonce}" data-mantine-script="true">`),
    `the colour-scheme script carries the response's nonce: ${shell}`,
  );
  assert.doesNotMatch(shell, /rapport-(build-)?nonce/, "no placeholder is left in the page");
  assert.equal(loads(), 0, "the API and the SPA shell never imported the bundle");

  // The first server-rendered page imports it, once, and renders the workspace's home.
  const [home, again] = await Promise.all([fetch(`${base}/`), fetch(`${base}/`)]);
  assert.equal(home.status, 200);
  const html = await home.text();
  await again.text();
  assert.match(html, /<title>Lazy Lamps<\/title>/);
  assert.match(html, /<div id="root">\s*<[a-z]/, "the page is rendered on the server, not an empty shell");
  const missing = await fetch(`${base}/no-such-page`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<div id="root">\s*<[a-z]/);
  assert.equal(loads(), 1, "imported once, by the first page that rendered");
});
