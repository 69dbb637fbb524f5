import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { sweepSignals } from "./signals.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
const customers: string[] = [];

type Emerging = {
  key: string;
  kind: string;
  label: string;
  caseCount: number;
  customerCount: number;
  caseIds: string[];
  sampleCases: Array<{ id: string; number: number; subject: string; customerName: string }>;
};

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  for (const name of ["Ann Archer", "Ben Baker", "Cleo Carter", "Dan Dyer"]) {
    const res = await admin.post("/api/v1/customers", { name });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    customers.push(res.body.id);
  }
});
after(() => server.close());

async function openCase(client: TestClient, customerId: string, subject: string, message: string) {
  const res = await client.post("/api/v1/cases", { customerId, subject, message });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number };
}

async function emerging(client: TestClient = agent): Promise<Emerging[]> {
  const res = await client.get("/api/v1/problems/emerging");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}

/** A problem with these cases linked, through the problems API (closed when asked). */
async function linkToProblem(title: string, caseIds: string[], status = "investigating") {
  const res = await agent.post("/api/v1/problems", { title, caseIds });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  if (status !== "investigating") {
    const patched = await agent.patch(`/api/v1/problems/${res.body.id}`, { status });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
  }
  return res.body.id as string;
}

describe("emerging issues", () => {
  test("one code written in different ways by three customers is listed once, with its cases", async () => {
    const forms = [
      "Error 1013 on update",
      "update fails, error code: 1013",
      "E1013 on the display",
      "err 1013 again",
      "ERROR #1013",
    ];
    const opened: Array<{ id: string; number: number }> = [];
    for (const [i, text] of forms.entries()) {
      opened.push(await openCase(agent, customers[i % 3] as string, `Speaker problem ${i}`, text));
    }
    const item = (await emerging()).find((e) => e.key === "signature:code:1013");
    assert.ok(item, "Error 1013 is emerging");
    assert.equal(item.kind, "signature");
    assert.equal(item.label, "Error 1013");
    assert.equal(item.caseCount, 5);
    assert.equal(item.customerCount, 3);
    assert.deepEqual([...item.caseIds].sort(), opened.map((c) => c.id).sort());
    assert.equal(item.sampleCases.length, 5);
    assert.ok(
      item.sampleCases.every((s) => ["Ann Archer", "Ben Baker", "Cleo Carter"].includes(s.customerName)),
    );
  });

  test("below the thresholds nothing is listed, and changing the settings changes that", async () => {
    // Four cases from three customers: one short of five.
    for (let i = 0; i < 4; i++)
      await openCase(agent, customers[i % 3] as string, "Router", `Router shows error 2002 (${i})`);
    // Five cases, but from two customers only.
    for (let i = 0; i < 5; i++)
      await openCase(agent, customers[i % 2] as string, "App", `App says error 3003 (${i})`);
    let keys = (await emerging()).map((e) => e.key);
    assert.ok(!keys.includes("signature:code:2002"));
    assert.ok(!keys.includes("signature:code:3003"));

    const put = await admin.put("/api/v1/problems/detection-settings", {
      minCases: 4,
      minCustomers: 2,
      windowHours: 24,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual((await admin.get("/api/v1/problems/detection-settings")).body, {
      minCases: 4,
      minCustomers: 2,
      windowHours: 24,
    });
    keys = (await emerging()).map((e) => e.key);
    assert.ok(keys.includes("signature:code:2002"));
    assert.ok(keys.includes("signature:code:3003"));
    await admin.put("/api/v1/problems/detection-settings", { minCases: 5, minCustomers: 3, windowHours: 72 });
  });

  test("one click makes a problem of an emerging group, links its cases with the reason, and the group is gone", async () => {
    const opened: Array<{ id: string; number: number }> = [];
    for (let i = 0; i < 5; i++) {
      opened.push(await openCase(agent, customers[i % 3] as string, "Printer", `Printer error 4004 (${i})`));
    }
    assert.ok((await emerging()).some((e) => e.key === "signature:code:4004"));
    const made = await agent.post("/api/v1/problems/emerging/signature:code:4004/problem", {});
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.title, "Error 4004");
    assert.deepEqual([...made.body.caseIds].sort(), opened.map((c) => c.id).sort());
    const linked = await agent.get(`/api/v1/problems/${made.body.id}/cases`);
    assert.equal(linked.body.items.length, 5);
    assert.ok(linked.body.items.every((c: { reason: string }) => c.reason === "same error code 4004"));
    assert.ok(
      !(await emerging()).some((e) => e.key === "signature:code:4004"),
      "linked cases are not emerging",
    );
    const again = await agent.post("/api/v1/problems/emerging/signature:code:4004/problem", {
      title: "Again",
    });
    assert.equal(again.status, 404);
  });

  test("a problem may be titled by hand; engineers (read-only) may not create one", async () => {
    for (let i = 0; i < 5; i++)
      await openCase(agent, customers[i % 3] as string, "Hub", `Hub blinks, error 6006 (${i})`);
    const { client: engineer } = await staffClient(server, "engineer");
    assert.equal(
      (await engineer.post("/api/v1/problems/emerging/signature:code:6006/problem", {})).status,
      403,
    );
    const made = await agent.post("/api/v1/problems/emerging/signature:code:6006/problem", {
      title: "Hubs blink after 3.2",
    });
    assert.equal(made.status, 201);
    assert.equal(made.body.title, "Hubs blink after 3.2");
    assert.ok(Number.isInteger(made.body.number));
  });

  test("cases already linked to a problem are no longer emerging", async () => {
    const opened: Array<{ id: string; number: number }> = [];
    for (let i = 0; i < 5; i++) {
      opened.push(await openCase(agent, customers[i % 3] as string, "Printer", `Printer error 7007 (${i})`));
    }
    assert.ok((await emerging()).some((e) => e.key === "signature:code:7007"));
    await linkToProblem(
      "Printers fail with 7007",
      opened.slice(0, 2).map((c) => c.id),
    );
    assert.ok(
      !(await emerging()).some((e) => e.key === "signature:code:7007"),
      "three unlinked cases are too few",
    );
  });

  test("cases that say the same thing in other words form a text group", async () => {
    const texts = [
      "My router restarts by itself every few minutes",
      "The router keeps rebooting randomly, internet drops each time",
      "Router reboots on its own several times per hour",
      "router randomly restarting all day",
      "Router is stuck in a reboot loop, it keeps restarting",
    ];
    const opened: Array<{ id: string; number: number }> = [];
    for (const [i, text] of texts.entries())
      opened.push(await openCase(agent, customers[i % 4] as string, text, text));
    const item = (await emerging()).find(
      (e) => e.kind === "text" && e.caseIds.includes(opened[0]?.id as string),
    );
    assert.ok(item, "the reboot reports are grouped");
    assert.ok(item.caseIds.length >= 5);
    assert.ok(opened.every((c) => item.caseIds.includes(c.id)));
    assert.ok(texts.includes(item.label), "labelled by one of its subjects");
    assert.ok(item.key.startsWith("text:"));
  });

  test("a changed error key in diagnostic snapshots is a signature too", async () => {
    for (let i = 0; i < 5; i++) {
      const customerId = customers[i % 3] as string;
      const c = await openCase(agent, customerId, "Speaker silent", `No sound at all (${i})`);
      // Read once, so the case's signals exist before the snapshot and must be recomputed.
      await agent.get(`/api/v1/cases/${c.id}/problem-suggestions`);
      const serial = `SN-${i}-${Date.now()}`;
      for (const code of [0, 8008]) {
        const snap = await agent.post("/api/v1/diagnostics", {
          customerId,
          caseId: c.id,
          deviceSerial: serial,
          source: "device",
          data: { firmware: "3.1", status: { error_code: code } },
        });
        assert.equal(snap.status, 201, JSON.stringify(snap.body));
      }
    }
    const item = (await emerging()).find((e) => e.key === "signature:snapshot:error_code=8008");
    assert.ok(item, "the snapshots' error code groups the cases");
    assert.equal(item.label, "Diagnostics: error_code = 8008");
    assert.equal(item.caseCount, 5);
  });

  test("the background sweep computes signals for new cases of every workspace", async () => {
    const c = await openCase(agent, customers[0] as string, "Sweep me", "Error 9009 on the soundbar");
    const db = server.runtime.ctx.db;
    const count = async () =>
      await db.selectFrom("case_text_signals").select("signatures").where("case_id", "=", c.id).execute();
    assert.equal((await count()).length, 0, "nothing computed until the sweep runs");
    await sweepSignals(server.runtime.ctx);
    assert.deepEqual((await count())[0]?.signatures, ["code:9009"]);
  });

  test("another workspace's cases never appear", async () => {
    const { client: other } = await otherWorkspace(server);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await other.post("/api/v1/customers", { name: `Other ${i}` });
      for (let j = 0; j < 2; j++) {
        ids.push((await openCase(other, c.body.id, "Speaker", "Error 1013 here too")).id);
      }
    }
    const theirs = (await emerging(other)).find((e) => e.key === "signature:code:1013");
    assert.ok(theirs, "their own group is listed for them");
    assert.deepEqual([...theirs.caseIds].sort(), [...ids].sort());
    const ours = (await emerging()).find((e) => e.key === "signature:code:1013");
    assert.ok(ours, "ours is still listed for us");
    assert.ok(ours.caseIds.every((id) => !ids.includes(id)));
  });

  test("customers may not read emerging issues; strangers are 401", async () => {
    const { client: cust } = await import("../../../../test/factories.ts").then((f) =>
      f.customerClient(server),
    );
    assert.equal((await cust.get("/api/v1/problems/emerging")).status, 403);
    const { TestClient } = await import("../../../../test/client.ts");
    assert.equal((await new TestClient(server.url).get("/api/v1/problems/emerging")).status, 401);
  });
});

describe("detection settings", () => {
  test("bad values are refused naming the field; only admins may read or change them", async () => {
    const bad = await admin.put("/api/v1/problems/detection-settings", {
      minCases: 1,
      minCustomers: 3,
      windowHours: 72,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "minCases");
    const notInt = await admin.put("/api/v1/problems/detection-settings", {
      minCases: 5,
      minCustomers: 2.5,
      windowHours: 72,
    });
    assert.equal(notInt.body.error.field, "minCustomers");
    const tooLong = await admin.put("/api/v1/problems/detection-settings", {
      minCases: 5,
      minCustomers: 3,
      windowHours: 10_000,
    });
    assert.equal(tooLong.body.error.field, "windowHours");
    assert.equal((await agent.get("/api/v1/problems/detection-settings")).status, 403);
    assert.equal(
      (
        await agent.put("/api/v1/problems/detection-settings", {
          minCases: 5,
          minCustomers: 3,
          windowHours: 72,
        })
      ).status,
      403,
    );
  });
});

describe("workspace signature patterns", () => {
  test("a valid pattern is listed and its matches group cases", async () => {
    const created = await admin.post("/api/v1/problems/signature-patterns", {
      name: "PSU fault",
      pattern: "PSU-([A-Z][0-9]+)",
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const list = await admin.get("/api/v1/problems/signature-patterns");
    assert.deepEqual(
      list.body.items.map((p: { name: string }) => p.name),
      ["PSU fault"],
    );
    for (let i = 0; i < 5; i++) {
      await openCase(
        agent,
        customers[i % 3] as string,
        "Amplifier dead",
        `Front panel shows psu-f3 after a click (${i})`,
      );
    }
    const item = (await emerging()).find((e) => e.key === "signature:pattern:psu-fault:f3");
    assert.ok(item, "the pattern's value is a signature");
    assert.equal(item.label, "PSU fault: f3");
    assert.equal(item.caseCount, 5);
    const removed = await admin.delete(`/api/v1/problems/signature-patterns/${created.body.id}`);
    assert.equal(removed.status, 204);
    assert.equal((await admin.delete(`/api/v1/problems/signature-patterns/${created.body.id}`)).status, 404);
  });

  test("patterns that do not compile, match empty text or are too long are refused naming pattern", async () => {
    for (const pattern of ["(a", "(?<=a)b", "a*", "x".repeat(501)]) {
      const res = await admin.post("/api/v1/problems/signature-patterns", {
        name: `bad ${pattern.length}`,
        pattern,
      });
      assert.equal(res.status, 400, pattern);
      assert.equal(res.body.error.code, "validation_failed");
      assert.equal(res.body.error.field, "pattern", pattern);
    }
  });

  test("a catastrophic-backtracking pattern runs in linear time (or is refused), never stalls", async () => {
    const started = Date.now();
    const res = await admin.post("/api/v1/problems/signature-patterns", { name: "evil", pattern: "(a+)+$" });
    assert.ok([201, 400].includes(res.status), JSON.stringify(res.body));
    if (res.status === 400) assert.equal(res.body.error.field, "pattern");
    // It was run on 100 kB of 'a' and 100 kB of random text before answering: a backtracking
    // engine would need longer than the universe's age; RE2 needs ~0.1 s.
    assert.ok(Date.now() - started < 5_000);
    if (res.status === 201) {
      const c = await openCase(agent, customers[0] as string, "Long", `${"a".repeat(99_000)}!`);
      const t = Date.now();
      const s = await agent.get(`/api/v1/cases/${c.id}/problem-suggestions`);
      assert.equal(s.status, 200);
      assert.ok(Date.now() - t < 10_000);
      await admin.delete(`/api/v1/problems/signature-patterns/${res.body.id}`);
    }
  });

  test("only admins manage patterns", async () => {
    assert.equal((await agent.get("/api/v1/problems/signature-patterns")).status, 403);
    assert.equal(
      (await agent.post("/api/v1/problems/signature-patterns", { name: "x", pattern: "x" })).status,
      403,
    );
  });
});

describe("problem suggestions", () => {
  test("a case quoting a linked case's code is offered that problem, with the reason", async () => {
    const linked = await openCase(
      agent,
      customers[0] as string,
      "Sync broken",
      "Desktop sync fails with error 5005",
    );
    const problemId = await linkToProblem("Sync fails with 5005", [linked.id]);
    const closedId = await linkToProblem("Old sync issue", [linked.id], "closed");
    const fresh = await openCase(agent, customers[1] as string, "Can't sync", "E5005 when syncing my files");
    const res = await agent.get(`/api/v1/cases/${fresh.id}/problem-suggestions`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ids = res.body.items.map((i: { problemId: string }) => i.problemId);
    assert.ok(!ids.includes(closedId), "closed problems are not suggested");
    const s = res.body.items.find((i: { problemId: string }) => i.problemId === problemId);
    assert.ok(s);
    assert.equal(s.reason, "same error code 5005");
    assert.equal(s.title, "Sync fails with 5005");
    assert.equal(s.status, "investigating");
    // A case already linked is not offered its own problem.
    const own = await agent.get(`/api/v1/cases/${linked.id}/problem-suggestions`);
    assert.ok(!own.body.items.some((i: { problemId: string }) => i.problemId === problemId));
  });

  test("a case saying the same as linked cases in other words is offered the problem", async () => {
    const linked = [];
    for (const text of [
      "The app logs me out right after I sign in",
      "I'm stuck in a login loop in the mobile app, it logs me out",
      "After entering my password the app logs me out and goes back to the login screen",
    ]) {
      linked.push((await openCase(agent, customers[2] as string, "App login", text)).id);
    }
    const problemId = await linkToProblem("Login loop in the app", linked);
    const fresh = await openCase(
      agent,
      customers[3] as string,
      "App login",
      "The app keeps logging me out right after I sign in",
    );
    const res = await agent.get(`/api/v1/cases/${fresh.id}/problem-suggestions`);
    const s = res.body.items.find((i: { problemId: string }) => i.problemId === problemId);
    assert.ok(s, JSON.stringify(res.body));
    assert.match(s.reason, /^similar to [1-3] linked cases?$/);
  });

  test("another workspace's case is 404", async () => {
    const { client: other } = await otherWorkspace(server);
    const c = await other.post("/api/v1/customers", { name: "Theirs" });
    const theirs = await openCase(other, c.body.id, "Hi", "Error 5005");
    assert.equal((await agent.get(`/api/v1/cases/${theirs.id}/problem-suggestions`)).status, 404);
  });
});
