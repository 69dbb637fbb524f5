import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

async function newCustomer(body: Record<string, unknown>) {
  const res = await admin.post("/api/v1/customers", body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe("customers and identities", () => {
  test("any spelling of a phone number, and any case of an email, finds the same customer", async () => {
    const maria = await newCustomer({
      name: "Maria Gonzalez",
      emails: ["Maria@Example.com"],
      phones: ["+1 (415) 555-0100"],
      accounts: ["ACME 1001"],
    });
    assert.deepEqual(
      maria.identities.map((i: { kind: string; value: string }) => [i.kind, i.value]),
      [
        ["email", "maria@example.com"],
        ["phone", "+14155550100"],
        ["account", "ACME1001"],
      ],
    );
    for (const phone of ["+1 (415) 555-0100", "415.555.0100", "14155550100"]) {
      const res = await admin.get(`/api/v1/lookup?phone=${encodeURIComponent(phone)}`);
      assert.equal(res.status, 200, phone);
      assert.equal(res.body.customer.id, maria.id);
    }
    assert.equal((await admin.get("/api/v1/lookup?email=MARIA%40example.COM")).body.customer.id, maria.id);
    assert.equal((await admin.get("/api/v1/lookup?account=ACME%201001")).body.customer.id, maria.id);
  });

  test("an identity belongs to one customer: adding a taken one is 409 naming the owner, and writes nothing", async () => {
    const owner = await newCustomer({ name: "Owen Owner", phones: ["+1 415 555 0111"] });
    const res = await admin.post("/api/v1/customers", { name: "Copy Cat", phones: ["(415) 555-0111"] });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, "identity_taken");
    assert.equal(res.body.error.field, "phones.0");
    assert.match(res.body.error.message, /Owen Owner/);
    assert.match(res.body.error.message, new RegExp(owner.id));
    const search = await admin.get("/api/v1/customers?q=Copy%20Cat");
    assert.equal(search.body.items.length, 0, "the half-made customer was rolled back");
    const other = await newCustomer({ name: "Other" });
    const add = await admin.post(`/api/v1/customers/${other.id}/identities`, {
      kind: "phone",
      value: "415-555-0111",
    });
    assert.equal(add.status, 409);
  });

  test("unknown identities are 404 customer_not_found; malformed input is 400 naming the field", async () => {
    const unknown = await admin.get("/api/v1/lookup?phone=%2B1%20212%20555%200199");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "customer_not_found");
    assert.equal(
      (await admin.get("/api/v1/lookup?email=nobody%40example.com")).body.error.code,
      "customer_not_found",
    );
    const both = await admin.get("/api/v1/lookup?phone=123456&email=a%40b.test");
    assert.equal(both.status, 400);
    const cases: Array<[unknown, string]> = [
      [{ name: "" }, "name"],
      [{ name: "X", emails: ["not-an-email"] }, "emails.0"],
      [{ name: "X", phones: ["call me maybe"] }, "phones.0"],
      [{ name: "X", phones: "+14155550100" }, "phones"],
      [{ name: "X", vip: true }, "vip"],
      [{ name: "X", emails: Array.from({ length: 21 }, (_, i) => `a${i}@x.test`) }, "emails"],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post("/api/v1/customers", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
  });

  test("search finds customers by name fragment, email, phone in any format, or account", async () => {
    const den = await newCustomer({
      name: "Den Whitaker",
      organization: "Whitaker Farms",
      emails: ["den@example.net"],
      phones: ["+44 161 496 0123"],
    });
    for (const q of ["whitak", "Farms", "den@example", "+44 161 496 0123", "+441614960123"]) {
      const res = await admin.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      assert.ok(
        res.body.items.some((c: { id: string }) => c.id === den.id),
        q,
      );
    }
  });

  test("PATCH changes name and organization; empty patches and foreign ids are refused", async () => {
    const c = await newCustomer({ name: "Sam Lee" });
    const res = await admin.patch(`/api/v1/customers/${c.id}`, { organization: "Lee Audio" });
    assert.equal(res.status, 200);
    assert.equal(res.body.organization, "Lee Audio");
    assert.equal((await admin.patch(`/api/v1/customers/${c.id}`, {})).status, 400);
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.get(`/api/v1/customers/${c.id}`)).status, 404);
    assert.equal((await other.patch(`/api/v1/customers/${c.id}`, { name: "Hijacked" })).status, 404);
    assert.equal(
      (await other.get(`/api/v1/lookup?phone=${encodeURIComponent("+1 (415) 555-0100")}`)).status,
      404,
    );
    assert.equal((await admin.get(`/api/v1/customers/${c.id}`)).body.name, "Sam Lee");
  });
});

describe("facts", () => {
  test("a fact is recorded once with who, when and where from; the latest is current and the past is kept", async () => {
    const c = await newCustomer({ name: "Aiko Tanaka" });
    const first = await admin.post(`/api/v1/customers/${c.id}/facts`, {
      key: "address",
      value: "1 Main St, Springfield",
      channel: "phone",
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.recordedBy.name, "Ada Admin");
    assert.equal(first.body.sourceChannel, "phone");
    const same = await admin.post(`/api/v1/customers/${c.id}/facts`, {
      key: "address",
      value: "1 Main St, Springfield",
    });
    assert.equal(same.body.id, first.body.id, "an unchanged value is not recorded twice");
    await admin.post(`/api/v1/customers/${c.id}/facts`, { key: "address", value: "9 Elm Rd, Shelbyville" });
    await admin.post(`/api/v1/customers/${c.id}/facts`, {
      key: "custom.router_model",
      value: { vendor: "NetHub", model: "AX3000" },
    });
    const facts = await admin.get(`/api/v1/customers/${c.id}/facts`);
    const addresses = facts.body.items.filter((f: { key: string }) => f.key === "address");
    assert.deepEqual(
      addresses.map((f: { value: string; current: boolean }) => [f.value, f.current]),
      [
        ["9 Elm Rd, Shelbyville", true],
        ["1 Main St, Springfield", false],
      ],
    );
    const context = await admin.get(`/api/v1/customers/${c.id}/context`);
    assert.equal(context.body.facts.address, "9 Elm Rd, Shelbyville");
    assert.deepEqual(context.body.facts["custom.router_model"], { vendor: "NetHub", model: "AX3000" });
    const timeline = await admin.get(`/api/v1/customers/${c.id}/timeline`);
    const recorded = timeline.body.items.filter((e: { kind: string }) => e.kind === "fact.recorded");
    assert.equal(recorded.length, 3);
    assert.equal(recorded[recorded.length - 1].data.value, "1 Main St, Springfield");
  });

  test("fact keys are the known ones or custom.<name>; values are bounded", async () => {
    const c = await newCustomer({ name: "Key Tester" });
    for (const [body, field] of [
      [{ key: "Favourite Colour", value: "blue" }, "key"],
      [{ key: "plan" }, "value"],
      [{ key: "plan", value: "x".repeat(5000) }, "value"],
      [{ key: "plan", value: "pro", caseId: "not-a-uuid" }, "caseId"],
    ] as const) {
      const res = await admin.post(`/api/v1/customers/${c.id}/facts`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field);
    }
  });
});

describe("devices", () => {
  test("devices are registered by serial; a serial on another customer is a conflict", async () => {
    const a = await newCustomer({ name: "Device Owner" });
    const b = await newCustomer({ name: "Someone Else" });
    const created = await admin.post(`/api/v1/customers/${a.id}/devices`, {
      model: "Soundwave One",
      serial: "SW1-22A91F",
      firmware: "12.4.1",
    });
    assert.equal(created.status, 201);
    const again = await admin.post(`/api/v1/customers/${a.id}/devices`, {
      model: "Soundwave One",
      serial: "SW1-22A91F",
      firmware: "12.5.0",
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.firmware, "12.5.0");
    const stolen = await admin.post(`/api/v1/customers/${b.id}/devices`, {
      model: "X",
      serial: "SW1-22A91F",
    });
    assert.equal(stolen.status, 409);
    assert.equal(stolen.body.error.field, "serial");
    const listed = await admin.get(`/api/v1/customers/${a.id}/devices`);
    assert.equal(listed.body.items.length, 1);
  });
});

describe("portal customers", () => {
  test("signing in by link ties the login to the customer who owns that email", async () => {
    const c = await newCustomer({ name: "Linked Person", emails: ["linked@example.com"] });
    const { client } = await customerClient(server, "linked@example.com");
    const created = await client.post("/api/v1/cases", { subject: "Hello", message: "My speaker is silent" });
    assert.equal(created.status, 201);
    assert.equal(created.body.customer.id, c.id);
    // Customers cannot read the customer directory.
    assert.equal((await client.get(`/api/v1/customers/${c.id}`)).status, 403);
  });
});

describe("workspace phone region", () => {
  test("numbers without a country code are read in the workspace's default region, which admins set", async () => {
    const gb = await admin.patch("/api/v1/workspace", { defaultRegion: "GB" });
    assert.equal(gb.status, 200);
    assert.equal(gb.body.defaultRegion, "GB");
    const c = await newCustomer({ name: "Manchester Caller", phones: ["0161 496 0456"] });
    assert.equal(c.identities[0].value, "+441614960456");
    assert.equal((await admin.get("/api/v1/lookup?phone=01614960456")).body.customer.id, c.id);
    const bad = await admin.patch("/api/v1/workspace", { defaultRegion: "Britain" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "defaultRegion");
    await admin.patch("/api/v1/workspace", { defaultRegion: "US" });
  });
});
