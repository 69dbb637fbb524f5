import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

describe("search, one index-backed query per kind of match", () => {
  test("an exact identity comes before name matches; fragments ignore case", async () => {
    const byName = (await admin.post("/api/v1/customers", { name: "Harbor Lights" })).body;
    const byAccount = (await admin.post("/api/v1/customers", { name: "Pat Doe", accounts: ["HARBOR"] })).body;
    const exact = await admin.get("/api/v1/search?q=HARBOR");
    assert.deepEqual(
      exact.body.customers.map((c: { id: string }) => c.id),
      [byAccount.id, byName.id],
      "the account holder first, though the other customer is older",
    );
    const fragment = await admin.get("/api/v1/search?q=ARBO");
    assert.deepEqual(
      fragment.body.customers.map((c: { id: string }) => c.id),
      [byName.id],
      "a name fragment, in any case; names are not looked for inside identities",
    );
    const twoLetters = await admin.get("/api/v1/search?q=ha");
    assert.deepEqual(twoLetters.body.customers, [], "fragments need three characters");
    const listed = await admin.get("/api/v1/customers?q=harb");
    assert.deepEqual(
      listed.body.items.map((c: { id: string }) => c.id),
      [byName.id, byAccount.id],
      "the customer list keeps its oldest-first order",
    );
  });

  test("cases match by number, subject or message words; pages merge them without gaps", async () => {
    const customer = (await admin.post("/api/v1/customers", { name: "Quinn" })).body;
    const make = async (subject: string, message: string) =>
      (await admin.post("/api/v1/cases", { customerId: customer.id, subject, message })).body;
    const bySubject = await make("Quasar hum", "It buzzes");
    const byMessage = await make("Noise", "A quasar-like whine");
    const byBoth = await make("Quasar again", "quasar whine returns");
    await make("Unrelated", "Nothing to see");

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await admin.get(
        `/api/v1/cases?q=quasar&status=all&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [byBoth.id, byMessage.id, bySubject.id], "newest activity first, each once");

    const byNumber = await admin.get(`/api/v1/search?q=${encodeURIComponent(`#${byMessage.number}`)}`);
    assert.equal(byNumber.body.cases[0].id, byMessage.id);
    const none = await admin.get("/api/v1/search?q=zzzyzx");
    assert.deepEqual(none.body, { customers: [], cases: [], problems: [] });
  });
});

describe("as the agent types", () => {
  test("the start of a name word, email or account finds the customer, whole words first", async () => {
    const kowalski = (await admin.post("/api/v1/customers", { name: "Jan Kowalski" })).body;
    const kowal = (await admin.post("/api/v1/customers", { name: "Kowal Ltd" })).body;
    const account = (await admin.post("/api/v1/customers", { name: "Vera Lynn", accounts: ["ZX4471-09"] }))
      .body;
    const mailed = (
      await admin.post("/api/v1/customers", { name: "Ada B", emails: ["ada.byron@example.test"] })
    ).body;
    const ids = async (q: string) =>
      (await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body.customers.map(
        (c: { id: string }) => c.id,
      );
    assert.deepEqual(await ids("kowalsk"), [kowalski.id], "a name typed halfway");
    assert.deepEqual(await ids("kowal"), [kowal.id, kowalski.id], "the whole word before its longer forms");
    assert.deepEqual(await ids("zx4471"), [account.id], "an account number typed halfway");
    assert.deepEqual(await ids("ada.by"), [mailed.id], "an email typed halfway");
    assert.deepEqual(await ids("owalsk"), [kowalski.id], "inside a word, when nothing better matches");
    const wu = (await admin.post("/api/v1/customers", { name: "Mei Wu" })).body;
    assert.deepEqual(await ids("Wu"), [wu.id], "a two-letter surname, as a whole word");
  });

  test("cases match subject words whatever their letter case", async () => {
    const customer = (await admin.post("/api/v1/customers", { name: "Rhea Tan" })).body;
    const made = (
      await admin.post("/api/v1/cases", {
        customerId: customer.id,
        subject: "Zephyrine Firmware stalls",
        message: "x",
      })
    ).body;
    const found = await admin.get("/api/v1/search?q=zephyrine%20FIRMWARE");
    assert.deepEqual(
      found.body.cases.map((c: { id: string }) => c.id),
      [made.id],
    );
  });
});

describe("hostile search input", () => {
  test("query syntax, quotes, wildcards and odd letters are searched as text, never as syntax", async () => {
    const odd = (await admin.post("/api/v1/customers", { name: "Zoë O'Brien-Ngata" })).body;
    for (const q of [
      "o'brien",
      "Zoë",
      "ngata:*",
      "!zoë & (x | y)",
      "100%_\\",
      "'; drop table cases; --",
      "a<->b",
      "ß".repeat(200),
    ]) {
      const res = await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
      if (/brien|zoë|ngata/i.test(q) && !q.startsWith("!")) {
        assert.ok(
          res.body.customers.some((c: { id: string }) => c.id === odd.id),
          q,
        );
      }
    }
    const tooLong = await admin.get(`/api/v1/search?q=${"x".repeat(201)}`);
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.error.field, "q");
  });
});

describe("who may search", () => {
  test("engineers search customers and cases like agents", async () => {
    await admin.post("/api/v1/customers", { name: "Ingrid Router" });
    const { client: engineer } = await staffClient(server, "engineer");
    const res = await engineer.get("/api/v1/search?q=Ingrid");
    assert.equal(res.status, 200);
    assert.equal(res.body.customers[0]?.name, "Ingrid Router");
  });
});

describe("contact-detail input", () => {
  test("'j.smith' finds the email j.smith…, not every customer whose name contains Smith", async () => {
    const named = (await admin.post("/api/v1/customers", { name: "Olivia Smith" })).body;
    const mailed = (
      await admin.post("/api/v1/customers", { name: "Jo Bloggs", emails: ["J.Smith88@example.test"] })
    ).body;
    const res = await admin.get("/api/v1/search?q=j.smith");
    const ids = res.body.customers.map((c: { id: string }) => c.id);
    assert.ok(ids.includes(mailed.id));
    assert.ok(!ids.includes(named.id));
    const byName = await admin.get("/api/v1/search?q=Smith");
    assert.ok(byName.body.customers.some((c: { id: string }) => c.id === named.id));
  });
});
