import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * Input PostgreSQL cannot take (NUL characters, lone UTF-16 surrogates, cursors with a
 * foreign id or time) is a 400 naming the field, never a 500 from the first query to meet it.
 */
let server: TestServer;
let admin: TestClient;
let customerId: string;
before(async () => {
  server = await startTestServer();
  const { admin: session } = await setUpWorkspace(server);
  const token = await session.post("/api/v1/tokens", { name: "hostile" });
  admin = new TestClient(server.url, { token: token.body.token });
  customerId = (await admin.post("/api/v1/customers", { name: "Nora Null", emails: [uniqueEmail("nora")] }))
    .body.id;
});
after(() => server.close());

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const SOME_ID = "5d1c0b8e-7f3a-4c2d-8e9f-0a1b2c3d4e5f";

function assertRefused(res: { status: number; body: any }, field: string, what: string) {
  assert.equal(res.status, 400, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.error.code, "validation_failed", what);
  assert.equal(res.body.error.field, field, `${what}: ${JSON.stringify(res.body)}`);
}

describe("cursors", () => {
  const bad: Array<[string, string]> = [
    ["an id that is not a UUID", cursorOf(["2024-01-01T00:00:00.000000Z", "not-a-uuid"])],
    ["a time that is not a time", cursorOf(["yesterday", SOME_ID])],
    ["a time JavaScript parses but PostgreSQL refuses", cursorOf(["1", SOME_ID])],
    ["year 0", cursorOf(["0000-01-01T00:00:00.000Z", SOME_ID])],
    ["30 February", cursorOf(["2024-02-30T00:00:00.000Z", SOME_ID])],
    ["garbage", Buffer.from("{{{").toString("base64url")],
  ];
  for (const list of ["/api/v1/customers", "/api/v1/cases"]) {
    test(`${list}: a tampered cursor is 400 naming cursor`, async () => {
      for (const [what, cursor] of bad) {
        assertRefused(await admin.get(`${list}?cursor=${cursor}`), "cursor", what);
      }
    });
  }

  test("a cursor the API returned still pages", async () => {
    await admin.post("/api/v1/customers", { name: "Nora Second" });
    const first = await admin.get("/api/v1/customers?limit=1");
    assert.equal(first.status, 200);
    assert.ok(first.body.nextCursor);
    const second = await admin.get(`/api/v1/customers?limit=1&cursor=${first.body.nextCursor}`);
    assert.equal(second.status, 200);
    assert.notEqual(second.body.items[0].id, first.body.items[0].id);
  });
});

describe("NUL characters and lone surrogates", () => {
  test("in a JSON field: 400 naming that field, nested paths included", async () => {
    assertRefused(
      await admin.post("/api/v1/cases", { customerId, subject: "Help\u0000", message: "m" }),
      "subject",
      "NUL in subject",
    );
    assertRefused(
      await admin.post("/api/v1/cases", { customerId, subject: "Help", message: "broken \ud800 text" }),
      "message",
      "lone surrogate in message",
    );
    assertRefused(
      await admin.post(`/api/v1/customers/${customerId}/facts`, {
        key: "custom.routers",
        value: { list: ["ok", "bad\u0000"] },
      }),
      "value.list.1",
      "NUL deep in a fact's value",
    );
    // Nothing was half-written.
    const cases = await admin.get(`/api/v1/cases?customer=${customerId}&status=all`);
    assert.equal(cases.body.items.length, 0);
  });

  test("in a query or path parameter: 400 naming the parameter", async () => {
    assertRefused(await admin.get("/api/v1/customers?q=nora%00"), "q", "NUL in ?q");
    assertRefused(await admin.get("/api/v1/search?q=a%00b"), "q", "NUL in search");
    assertRefused(await admin.get("/api/v1/lookup?account=a%00b"), "account", "NUL in lookup");
    assertRefused(await admin.get("/api/v1/cases?q=x%00"), "q", "NUL in the inbox's ?q");
    assertRefused(
      await admin.post("/api/v1/diagnostics/by-code/AB%00CD", { source: "device", data: {} }),
      "code",
      "NUL in a path parameter",
    );
  });

  test("in a snapshot: a key is refused at its object, a value at its path", async () => {
    const snapshot = (data: unknown) =>
      admin.post("/api/v1/diagnostics", { customerId, source: "agent", data });
    assertRefused(await snapshot({ "\ud800": 1 }), "data", "lone surrogate as a key");
    assertRefused(await snapshot({ wifi: { "ss\u0000id": "x" } }), "data.wifi", "NUL in a nested key");
    assertRefused(
      await snapshot({ wifi: { ssid: "\udfff" } }),
      "data.wifi.ssid",
      "lone surrogate as a value",
    );
    // A proper pair of surrogates is an ordinary character.
    const ok = await snapshot({ wifi: { ssid: "café 📶" } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  test("strangers still get 401 first, and raw mail may carry NUL bytes", async () => {
    const anon = await new TestClient(server.url).post("/api/v1/cases", { subject: "\u0000" });
    assert.equal(anon.status, 401);
    for (const type of ["message/rfc822", "text/plain"]) {
      const raw = `From: a@example.test\r\nSubject: binary ${type}\r\n\r\nbytes \u0000 and more\r\n`;
      const res = await admin.request("POST", "/api/v1/inbound/email", raw, { "content-type": type });
      assert.equal(res.status, 202, `${type}: ${JSON.stringify(res.body)}`);
    }
  });
});
