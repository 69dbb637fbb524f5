import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { TestClient as Client } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { CODE_ALPHABET, hashCode, normalizeCode } from "./codes.ts";

let server: TestServer;
let admin: TestClient;
const stranger = () => new Client(server.url, { origin: null });
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

async function newCustomer() {
  const res = await admin.post("/api/v1/customers", {
    name: "Carla Code",
    emails: [`carla-${Date.now()}@example.com`],
  });
  return res.body.id as string;
}

test("an agent's code lets a device send one snapshot, once, without an account", async () => {
  const customerId = await newCustomer();
  const opened = await admin.post("/api/v1/cases", { customerId, subject: "Error 1013", message: "Help" });
  const made = await admin.post("/api/v1/diagnostics/codes", { customerId, deviceSerial: "CODE-SN-1" });
  assert.equal(made.status, 201);
  const { code, expiresAt } = made.body;
  assert.equal(code.length, 8);
  for (const ch of code) assert.ok(CODE_ALPHABET.includes(ch), ch);
  const ttl = Date.parse(expiresAt) - Date.now();
  assert.ok(ttl > 14 * 60_000 && ttl <= 15 * 60_000, String(ttl));

  // Read aloud and typed back: lower case, with a dash.
  const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
  const sent = await stranger().post(`/api/v1/diagnostics/by-code/${typed}`, {
    source: "app",
    data: { model: "Beam", wifi: { password: "pw", signal_dbm: -70 } },
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.equal(sent.body.customerId, customerId);
  assert.equal(sent.body.caseId, opened.body.id);
  assert.equal(sent.body.deviceSerial, "CODE-SN-1", "the unknown serial was registered on the customer");
  assert.equal(sent.body.viaCode, true);
  assert.deepEqual(sent.body.maskedPaths, ["wifi.password"]);

  const again = await stranger().post(`/api/v1/diagnostics/by-code/${code}`, { source: "app", data: {} });
  assert.equal(again.status, 410);
  assert.equal(again.body.error.code, "code_gone");
  assert.match(again.body.error.message, /already been used/);

  const timeline = await admin.get(`/api/v1/cases/${opened.body.id}/timeline`);
  assert.ok(timeline.body.items.some((e: { kind: string }) => e.kind === "diagnostic.captured"));
});

test("an expired code is 410, an unknown one 404, bad input 400 naming the field", async () => {
  const customerId = await newCustomer();
  const { code } = (await admin.post("/api/v1/diagnostics/codes", { customerId })).body;
  const bad = await stranger().post(`/api/v1/diagnostics/by-code/${code}`, { source: "app", data: [1] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "data");

  await server.runtime.ctx.db
    .updateTable("diagnostic_codes")
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where("code_hash", "=", hashCode(normalizeCode(code) as string))
    .execute();
  const expired = await stranger().post(`/api/v1/diagnostics/by-code/${code}`, { source: "app", data: {} });
  assert.equal(expired.status, 410);
  assert.match(expired.body.error.message, /expired/);

  const unknown = await stranger().post("/api/v1/diagnostics/by-code/ZZZZZZZZ", { source: "app", data: {} });
  assert.equal(unknown.status, 404);
  const nonsense = await stranger().post("/api/v1/diagnostics/by-code/hello", { source: "app", data: {} });
  assert.equal(nonsense.status, 404);

  const foreignCustomer = await (await otherWorkspace(server)).client.post("/api/v1/diagnostics/codes", {
    customerId,
  });
  assert.equal(foreignCustomer.status, 404);
  const wrongCase = await admin.post("/api/v1/diagnostics/codes", {
    customerId,
    caseId: "00000000-0000-4000-8000-000000000000",
  });
  assert.equal(wrongCase.status, 400);
  assert.equal(wrongCase.body.error.field, "caseId");
});

test("a signed-in customer gets a code for themselves in the portal; staff-only code route is 403 for them", async () => {
  const maria = await customerClient(server);
  const made = await maria.client.post("/api/v1/portal/diagnostic-code", {});
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const sent = await stranger().post(`/api/v1/diagnostics/by-code/${made.body.code}`, {
    source: "browser",
    data: { userAgent: "Firefox" },
  });
  assert.equal(sent.status, 201);
  const mine = await maria.client.get(`/api/v1/diagnostics/${sent.body.id}`);
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.data, { userAgent: "Firefox" });
  const staffRoute = await maria.client.post("/api/v1/diagnostics/codes", {
    customerId: sent.body.customerId,
  });
  assert.equal(staffRoute.status, 403);
  assert.equal((await stranger().post("/api/v1/portal/diagnostic-code", {})).status, 401);
});

test("a customer cannot probe serials: another customer's serial is answered as an unknown one and stays theirs", async () => {
  const owen = await newCustomer();
  const taken = `SN-OWEN-${Date.now()}`;
  const added = await admin.post(`/api/v1/customers/${owen}/devices`, { model: "Beam", serial: taken });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const maria = await customerClient(server);

  const forUnknown = await maria.client.post("/api/v1/portal/diagnostic-code", {
    deviceSerial: `SN-NOBODY-${Date.now()}`,
  });
  const forTaken = await maria.client.post("/api/v1/portal/diagnostic-code", { deviceSerial: taken });
  assert.equal(forTaken.status, forUnknown.status);
  assert.equal(forTaken.status, 201, JSON.stringify(forTaken.body));
  assert.deepEqual(Object.keys(forTaken.body).sort(), Object.keys(forUnknown.body).sort());
  assert.equal(forTaken.headers.get("content-length"), forUnknown.headers.get("content-length"));

  // Using the code does not reveal it either, and Owen's device is neither moved nor fed.
  const sent = await stranger().post(`/api/v1/diagnostics/by-code/${forTaken.body.code}`, {
    source: "app",
    data: { model: "Beam" },
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.equal(sent.body.deviceId, null, "not attached to Owen's device");
  assert.match(sent.body.summary, new RegExp(taken), "the agent still sees which serial was claimed");
  const plain = await maria.client.post("/api/v1/portal/diagnostic-code", {});
  const claimed = await stranger().post(`/api/v1/diagnostics/by-code/${plain.body.code}`, {
    source: "app",
    deviceSerial: taken,
    data: {},
  });
  assert.equal(claimed.status, 201, JSON.stringify(claimed.body));

  const owens = await admin.get(`/api/v1/customers/${owen}/devices`);
  assert.deepEqual(
    owens.body.items.map((d: { serial: string }) => d.serial),
    [taken],
  );
  const history = await admin.get(`/api/v1/devices/${added.body.id}/diagnostics`);
  assert.deepEqual(history.body.items, [], "no snapshot landed on Owen's device");
  assert.equal(
    (await admin.get(`/api/v1/customers/${sent.body.customerId}/devices`)).body.items.length,
    0,
    "Maria did not get Owen's device",
  );

  // Staff see every device, so they are still told.
  const staff = await admin.post("/api/v1/diagnostics/codes", {
    customerId: sent.body.customerId,
    deviceSerial: taken,
  });
  assert.equal(staff.status, 409);
  assert.equal(staff.body.error.field, "deviceSerial");
});

test("guessing codes is rate-limited per client address", async () => {
  let limited: { status: number; body: { error: { code: string } } } | undefined;
  for (let i = 0; i < 40 && !limited; i++) {
    const res = await stranger().post("/api/v1/diagnostics/by-code/ABCDEFGH", { source: "app", data: {} });
    if (res.status === 429) limited = res;
    else assert.equal(res.status, 404);
  }
  assert.ok(limited, "no 429 after 40 guesses");
  assert.equal(limited.body.error.code, "rate_limited");
});
