import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { unseal } from "../../platform/sealed.ts";
import { loadDemo } from "../demo/demo.ts";
import { signWebhook } from "../webhooks/sign.ts";
import { ACTION_SECRET_PURPOSE } from "./send.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo has three actions on the built-in fulfilment endpoint and a shipped replacement, loaded twice", async () => {
  const { db } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const actions = await db
    .selectFrom("actions")
    .select(["id", "name", "url", "approval_amount", "secret_sealed"])
    .orderBy("name")
    .execute();
  assert.deepEqual(
    actions.map((a) => a.name),
    ["Issue a credit", "Ship a replacement modem", "Start a modem rental"],
    "loading twice adds nothing",
  );
  assert.ok(actions.every((a) => a.url.includes("/api/v1/demo-fulfilment/")));
  assert.equal(actions[0]?.approval_amount, 50);
  const runs = await db.selectFrom("action_runs").select(["status", "result"]).execute();
  assert.equal(runs.length, 1, "the shipment is one run however often the demo loads");
  assert.equal(runs[0]?.status, "succeeded");
  assert.match((runs[0]?.result as { trackingNumber?: string } | undefined)?.trackingNumber ?? "", /^1Z/);

  // The endpoint itself answers a request signed by a demo action, and nothing else.
  const ship = actions.find((a) => a.name === "Ship a replacement modem");
  assert.ok(ship);
  const body = JSON.stringify({
    event: "action.run",
    action: { id: ship.id },
    run: { id: "r1" },
    input: { address: "x" },
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const secret = unseal(server.runtime.ctx.secret, ACTION_SECRET_PURPOSE, ship.secret_sealed);
  const anon = new TestClient(server.url);
  const signed = await anon.post("/api/v1/demo-fulfilment/ship", body, {
    "x-rapport-timestamp": ts,
    "x-rapport-signature": signWebhook(secret, ts, body),
  });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  assert.match(signed.body.trackingNumber, /^1Z/);
  const forged = await anon.post("/api/v1/demo-fulfilment/ship", body, {
    "x-rapport-timestamp": ts,
    "x-rapport-signature": signWebhook("guess", ts, body),
  });
  assert.equal(forged.status, 404);
});

test("the demo endpoint checks the signature over the body's own bytes, not a re-serialisation", async () => {
  const ship = await server.runtime.ctx.db
    .selectFrom("actions")
    .select(["id", "secret_sealed"])
    .where("name", "=", "Ship a replacement modem")
    .executeTakeFirstOrThrow();
  const secret = unseal(server.runtime.ctx.secret, ACTION_SECRET_PURPOSE, ship.secret_sealed);
  const message = {
    event: "action.run",
    action: { id: ship.id },
    run: { id: "r2" },
    input: { address: "y" },
  };
  const compact = JSON.stringify(message);
  const spaced = JSON.stringify(message, null, 2);
  const ts = String(Math.floor(Date.now() / 1000));
  const anon = new TestClient(server.url);

  const mismatched = await anon.post("/api/v1/demo-fulfilment/ship", spaced, {
    "x-rapport-timestamp": ts,
    "x-rapport-signature": signWebhook(secret, ts, compact),
  });
  assert.equal(mismatched.status, 404, "same JSON, other bytes than were signed: refused");

  const ownBytes = await anon.post("/api/v1/demo-fulfilment/ship", spaced, {
    "x-rapport-timestamp": ts,
    "x-rapport-signature": signWebhook(secret, ts, spaced),
  });
  assert.equal(ownBytes.status, 200, JSON.stringify(ownBytes.body));
  assert.match(ownBytes.body.trackingNumber, /^1Z/);
});
