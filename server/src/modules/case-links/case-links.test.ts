import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { closeSharedEmbedder } from "../../platform/text/use-embedder.ts";
import { sweepRepeats } from "../repeats/sweep.ts";

/**
 * Related cases (issue #19): explicit, undirected links between two cases of a workspace, and
 * the repeat contact (reason `link`) a link makes between two recent cases of one customer.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
});
after(async () => {
  await closeSharedEmbedder();
  await server.close();
});

async function customer(name: string): Promise<string> {
  const res = await admin.post("/api/v1/customers", { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}
async function openCase(customerId: string, subject: string) {
  const res = await admin.post("/api/v1/cases", { customerId, subject, message: `${subject}, please help.` });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number };
}
const linksOf = async (caseId: string, client = admin) => {
  const res = await client.get(`/api/v1/cases/${caseId}/links`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Array<{ caseId: string; number: number; linkedBy: string | null }>;
};
const repeatOf = async (caseId: string) =>
  (await admin.get(`/api/v1/cases/${caseId}/repeat`)).body.repeat as {
    previousCaseId: string;
    reason: string;
  } | null;
const kinds = async (caseId: string) =>
  ((await admin.get(`/api/v1/cases/${caseId}/timeline?limit=200`)).body.items as Array<{ kind: string }>).map(
    (e) => e.kind,
  );

describe("linking cases", () => {
  test("a link by id shows on both cases, with who made it, and is noted on both timelines", async () => {
    const cu = await customer("Lina Links");
    const a = await openCase(cu, "Remote has no power");
    const b = await openCase(await customer("Other Person"), "Invoice twice");
    const res = await agent.post(`/api/v1/cases/${a.id}/links`, { caseId: b.id });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.caseId, b.id);
    assert.equal(res.body.number, b.number);
    assert.equal(res.body.customerName, "Other Person");
    assert.deepEqual(
      (await linksOf(a.id)).map((l) => l.caseId),
      [b.id],
    );
    const back = await linksOf(b.id);
    assert.deepEqual(
      back.map((l) => l.caseId),
      [a.id],
    );
    assert.equal(back[0]?.linkedBy, "Test agent");
    assert.ok((await kinds(a.id)).includes("case.linked"));
    assert.ok((await kinds(b.id)).includes("case.linked"));
  });

  test("by case number too; the same pair again, either way round, is 409; a self-link is 409", async () => {
    const cu = await customer("Nora Number");
    const a = await openCase(cu, "Speaker buzz");
    const b = await openCase(cu, "Cable frayed");
    assert.equal((await admin.post(`/api/v1/cases/${a.id}/links`, { caseNumber: b.number })).status, 201);
    for (const [from, body] of [
      [a.id, { caseId: b.id }],
      [b.id, { caseId: a.id }],
      [b.id, { caseNumber: a.number }],
    ] as const) {
      const res = await admin.post(`/api/v1/cases/${from}/links`, body);
      assert.equal(res.status, 409, JSON.stringify(res.body));
    }
    const self = await admin.post(`/api/v1/cases/${a.id}/links`, { caseId: a.id });
    assert.equal(self.status, 409);
    assert.equal(self.body.error.code, "conflict");
    assert.equal(self.body.error.field, "caseId");
    assert.equal((await linksOf(a.id)).length, 1);
  });

  test("bad input is 400 naming the field; an unknown number is 404", async () => {
    const a = await openCase(await customer("Bea Bad"), "Dial stuck");
    for (const body of [{}, { caseId: "not-a-uuid" }, { caseId: a.id, caseNumber: 1 }, { caseNumber: -2 }]) {
      const res = await admin.post(`/api/v1/cases/${a.id}/links`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.error.field, /^case(Id|Number)$/, JSON.stringify(res.body));
    }
    const extra = await admin.post(`/api/v1/cases/${a.id}/links`, { caseId: a.id, note: "x" });
    assert.equal(extra.status, 400);
    const missing = await admin.post(`/api/v1/cases/${a.id}/links`, { caseNumber: 999_999 });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.field, "caseNumber");
  });

  test("unlinking removes it from both sides and notes it; again is 404", async () => {
    const cu = await customer("Una Unlink");
    const a = await openCase(cu, "Knob loose");
    const b = await openCase(cu, "Lid cracked");
    assert.equal((await admin.post(`/api/v1/cases/${a.id}/links`, { caseId: b.id })).status, 201);
    assert.equal((await agent.delete(`/api/v1/cases/${b.id}/links/${a.id}`)).status, 204);
    assert.deepEqual(await linksOf(a.id), []);
    assert.deepEqual(await linksOf(b.id), []);
    assert.ok((await kinds(a.id)).includes("case.unlinked"));
    const again = await admin.delete(`/api/v1/cases/${a.id}/links/${b.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.field, "otherId");
  });

  test("another workspace's cases are not found, either way; customers may not link", async () => {
    const other = await otherWorkspace(server);
    const theirCu = await other.client.post("/api/v1/customers", { name: "Olga Other" });
    const theirs = await other.client.post("/api/v1/cases", {
      customerId: theirCu.body.id,
      subject: "Their case",
      message: "Hello",
    });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const mine = await openCase(await customer("Tess Tenant"), "My case");
    const res = await admin.post(`/api/v1/cases/${mine.id}/links`, { caseId: theirs.body.id });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.field, "caseId");
    assert.equal((await admin.get(`/api/v1/cases/${theirs.body.id}/links`)).status, 404);
    assert.equal(
      (await other.client.post(`/api/v1/cases/${theirs.body.id}/links`, { caseId: mine.id })).status,
      404,
    );
    assert.equal((await admin.delete(`/api/v1/cases/${theirs.body.id}/links/${mine.id}`)).status, 404);
    const { client: portal } = await customerClient(server);
    assert.equal((await portal.get(`/api/v1/cases/${mine.id}/links`)).status, 403);
  });
});

describe("a link makes a repeat contact", () => {
  test("linking a recent case of the same customer records the newer as a repeat, reason link; unlinking takes it back", async () => {
    const cu = await customer("Rita Repeat");
    const older = await openCase(cu, "Subwoofer pairing fails");
    const newer = await openCase(cu, "Invoice address update");
    await sweepRepeats(server.runtime.ctx);
    assert.equal(await repeatOf(newer.id), null, "unrelated words: no repeat by text");
    // Made from the older case: direction does not matter, the newer one is the repeat.
    assert.equal((await admin.post(`/api/v1/cases/${older.id}/links`, { caseId: newer.id })).status, 201);
    const repeat = await repeatOf(newer.id);
    assert.equal(repeat?.reason, "link");
    assert.equal(repeat?.previousCaseId, older.id);
    assert.equal(await repeatOf(older.id), null);
    assert.ok((await kinds(newer.id)).includes("case.repeat_contact"));

    assert.equal((await admin.delete(`/api/v1/cases/${newer.id}/links/${older.id}`)).status, 204);
    assert.equal(await repeatOf(newer.id), null);
    await sweepRepeats(server.runtime.ctx);
    assert.equal(await repeatOf(newer.id), null, "re-detection finds no other reason");
  });

  test("no repeat outside the window, nor between two customers' cases", async () => {
    const cu = await customer("Wim Window");
    const old = await openCase(cu, "Amp overheats");
    const recent = await openCase(cu, "Wall mount missing screws");
    await q("update cases set created_at = now() - interval '10 days' where id = $1", [old.id]);
    assert.equal((await admin.post(`/api/v1/cases/${recent.id}/links`, { caseId: old.id })).status, 201);
    assert.equal(await repeatOf(recent.id), null);

    const x = await openCase(await customer("Xena X"), "Display flickers");
    const y = await openCase(await customer("Yann Y"), "Display flickers too");
    assert.equal((await admin.post(`/api/v1/cases/${x.id}/links`, { caseId: y.id })).status, 201);
    assert.equal(await repeatOf(y.id), null);
  });

  test("detection of a new case finds a link already made (the sweep ran later)", async () => {
    const cu = await customer("Dora Detect");
    const first = await openCase(cu, "Turntable speed wrong");
    const second = await openCase(cu, "Gift card not accepted");
    // A link written before the sweep reached the new case, without the link-time rule.
    const [lo, hi] = [first.id, second.id].sort();
    const ws = await q("select workspace_id from cases where id = $1", [first.id]);
    await q("insert into case_links (workspace_id, case_a, case_b) values ($1, $2, $3)", [
      ws.rows[0].workspace_id,
      lo,
      hi,
    ]);
    await sweepRepeats(server.runtime.ctx);
    const repeat = await repeatOf(second.id);
    assert.equal(repeat?.reason, "link");
    assert.equal(repeat?.previousCaseId, first.id);
  });

  test("a link across workspaces cannot be written even around the API", async () => {
    const other = await otherWorkspace(server);
    const theirCu = await other.client.post("/api/v1/customers", { name: "Pia Prime" });
    const theirs = await other.client.post("/api/v1/cases", {
      customerId: theirCu.body.id,
      subject: "Theirs",
      message: "Hi",
    });
    const mine = await openCase(await customer("Mo Mine"), "Mine");
    const ws = await q("select workspace_id from cases where id = $1", [mine.id]);
    const [lo, hi] = [mine.id, theirs.body.id].sort();
    await assert.rejects(
      q("insert into case_links (workspace_id, case_a, case_b) values ($1, $2, $3)", [
        ws.rows[0].workspace_id,
        lo,
        hi,
      ]),
      /both cases must belong/,
    );
  });
});

describe("merges", () => {
  test("merging a linked case moves its links to the survivor; a link between the two is dropped", async () => {
    const cu = await customer("Mia Merge");
    const dup = await openCase(cu, "Headphones left side quiet");
    const survivor = await openCase(cu, "Headphones quiet on the left");
    const third = await openCase(await customer("Theo Third"), "Headphones batch issue");
    assert.equal((await admin.post(`/api/v1/cases/${dup.id}/links`, { caseId: third.id })).status, 201);
    assert.equal((await admin.post(`/api/v1/cases/${dup.id}/links`, { caseId: survivor.id })).status, 201);
    const merged = await admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.deepEqual(
      (await linksOf(survivor.id)).map((l) => l.caseId),
      [third.id],
    );
    assert.deepEqual(
      (await linksOf(third.id)).map((l) => l.caseId),
      [survivor.id],
    );
    assert.deepEqual(await linksOf(dup.id), []);
    // The merged-away case cannot be linked again.
    const res = await admin.post(`/api/v1/cases/${third.id}/links`, { caseId: dup.id });
    assert.equal(res.status, 409);
  });
});
