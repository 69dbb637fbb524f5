import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** The search box forgives typos in names, word forms and compounds (issue 13). */
let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

type Found = { body: { customers: Array<{ id: string }>; cases: Array<{ id: string; status: string }> } };
const search = async (q: string): Promise<Found> => {
  const res = await admin.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200, JSON.stringify(server.logs.filter((l) => l.err).slice(-1)));
  return res;
};
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

describe("search that forgives", () => {
  test("a mistyped name finds the customer, the closest name first", async () => {
    const gonzalez = (await admin.post("/api/v1/customers", { name: "Maria Gonzalez" })).body;
    const gonzaga = (await admin.post("/api/v1/customers", { name: "Pia Gonzaga" })).body;
    await admin.post("/api/v1/customers", { name: "Tom Baker" });

    assert.deepEqual(ids((await search("Gonzales")).body.customers), [gonzalez.id]);
    assert.deepEqual(ids((await search("maria gonzales")).body.customers), [gonzalez.id]);
    const exactFirst = await search("Gonzaga");
    assert.equal(exactFirst.body.customers[0]?.id, gonzaga.id, "an exact word still comes first");
    assert.deepEqual(ids((await search("Gxqzvw")).body.customers), [], "no likeness, no match");
  });

  test("other forms of a word and split or joined compounds find case subjects and messages", async () => {
    const customer = (await admin.post("/api/v1/customers", { name: "Quentin Wells" })).body;
    const make = async (subject: string, message: string) =>
      (await admin.post("/api/v1/cases", { customerId: customer.id, subject, message })).body;
    const dropsOut = await make("Wi-Fi drops out every evening", "Since Monday.");
    const refund = await make("Billing", "I was refunded twice for one order");
    const signin = await make("Signin page blank", "Nothing loads.");
    await make("Unrelated", "Nothing to see");

    assert.deepEqual(ids((await search("dropout")).body.cases), [dropsOut.id], "a compound split");
    assert.deepEqual(ids((await search("dropping out")).body.cases), [dropsOut.id], "another form");
    assert.deepEqual(ids((await search("refunds")).body.cases), [refund.id], "a message word's stem");
    assert.deepEqual(ids((await search("sign in")).body.cases), [signin.id], "words joined");
    assert.deepEqual((await search("zzzyzx")).body.cases, []);
  });

  test("a customer's name shows their open cases first, not only those whose words match", async () => {
    const customer = (await admin.post("/api/v1/customers", { name: "Ines Okonkwo" })).body;
    const make = async (subject: string) =>
      (await admin.post("/api/v1/cases", { customerId: customer.id, subject, message: "Help" })).body;
    const solved = await make("Ines Okonkwo account question");
    await admin.patch(`/api/v1/cases/${solved.id}`, { status: "solved" });
    const older = await make("Router lights");
    const newer = await make("Slow line");

    const found = await search("Ines Okonkwo");
    assert.deepEqual(ids(found.body.customers), [customer.id]);
    assert.deepEqual(
      ids(found.body.cases),
      [newer.id, older.id, solved.id],
      "her open cases, newest first, then the solved one that mentions her name",
    );
    const typo = await search("Okonkow");
    assert.deepEqual(
      ids(typo.body.cases).slice(0, 2),
      [newer.id, older.id],
      "also when the name is mistyped",
    );
  });
});
