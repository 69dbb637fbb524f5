import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** Settings → Workspace: name, logo, business language, phone region and time zone. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

test("an admin changes the name, language, region and time zone; agents only read them", async () => {
  const res = await admin.patch("/api/v1/workspace", {
    name: "Acme Sound",
    defaultLocale: "en-GB",
    defaultRegion: "GB",
    timeZone: "europe/london",
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.name, "Acme Sound");
  assert.equal(res.body.timeZone, "Europe/London", "stored as the canonical IANA name");
  assert.equal(res.body.defaultRegion, "GB");
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.get("/api/v1/workspace")).body.timeZone, "Europe/London");
  assert.equal((await agent.patch("/api/v1/workspace", { name: "Mine" })).status, 403);
});

test("bad settings are refused naming the field", async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ timeZone: "Mars/Olympus" }, "timeZone"],
    [{ defaultRegion: "gb" }, "defaultRegion"],
    [{ defaultLocale: "english" }, "defaultLocale"],
    [{ name: "" }, "name"],
  ];
  for (const [body, field] of cases) {
    const res = await admin.patch("/api/v1/workspace", body);
    assert.equal(res.status, 400, field);
    assert.equal(res.body.error.field, field);
  }
});

test("the logo is stored as a file and served to the app; other files are refused", async () => {
  const notImage = Buffer.from("<svg onload=alert(1)></svg>").toString("base64");
  const refused = await admin.request("PUT", "/api/v1/workspace/logo", { dataBase64: notImage });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error.field, "dataBase64");
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.request("PUT", "/api/v1/workspace/logo", { dataBase64: PNG })).status, 403);

  const saved = await admin.request("PUT", "/api/v1/workspace/logo", { dataBase64: PNG });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.match(saved.body.logoUrl, /^\/api\/v1\/workspace\/logo\?v=/);
  const logo = await fetch(`${server.url}${saved.body.logoUrl}`, { headers: agent.authHeaders() });
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get("content-type"), "image/png");
  assert.deepEqual(Buffer.from(await logo.arrayBuffer()), Buffer.from(PNG, "base64"));

  const removed = await admin.delete("/api/v1/workspace/logo");
  assert.equal(removed.body.logoUrl, null);
  assert.equal((await agent.get("/api/v1/workspace/logo")).status, 404);
});
