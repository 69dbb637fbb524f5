import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { signIn } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "../demo/demo.ts";
import { sample } from "../demo/sample.ts";

const DEMO_PASSWORD = "a-demo-password-for-tests";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo has one escalation on the Error 1013 case, with a note, a task and two snapshots; loading twice adds nothing", async () => {
  await loadDemo(server.runtime.ctx, { password: DEMO_PASSWORD });
  await loadDemo(server.runtime.ctx, { password: DEMO_PASSWORD });
  const engineer = await signIn(new TestClient(server.url), sample.staff[3].email, DEMO_PASSWORD);
  const queue = await engineer.get("/api/v1/escalations");
  assert.equal(queue.status, 200);
  assert.equal(queue.body.items.length, 1);
  const e = queue.body.items[0];
  assert.match(e.caseSubject, /Error 1013/);
  assert.equal(e.assignee.name, sample.staff[3].name);
  assert.equal(e.openTasks, 1);
  const messages = (await engineer.get(`/api/v1/cases/${e.caseId}/messages`)).body.items;
  assert.ok(
    messages.some(
      (m: { kind: string; body: string }) => m.kind === "note" && m.body.includes("Update server logs"),
    ),
  );
  const snapshots = (await engineer.get(`/api/v1/cases/${e.caseId}/diagnostics`)).body.items;
  assert.ok(snapshots.length >= 2);
  const diff = await engineer.get(`/api/v1/diagnostics/${snapshots[0].id}/diff`);
  assert.equal(diff.status, 200);
});

test("the demo's history is spread over days and times of day, not stamped with the minute it loaded", async () => {
  const engineer = await signIn(new TestClient(server.url), sample.staff[3].email, DEMO_PASSWORD);
  const e = (await engineer.get("/api/v1/escalations")).body.items[0];
  const hour = 3600_000;
  const snapshots: { capturedAt: string }[] = (await engineer.get(`/api/v1/cases/${e.caseId}/diagnostics`))
    .body.items;
  const [a, b] = snapshots.map((s) => Date.parse(s.capturedAt));
  assert.ok(a && b && Math.abs(a - b) > hour, "the last two snapshots were taken at different times");
  const messages: { createdAt: string }[] = (await engineer.get(`/api/v1/cases/${e.caseId}/messages`)).body
    .items;
  const times = messages.map((m) => Date.parse(m.createdAt)).sort();
  assert.ok(Date.now() - (times[0] ?? 0) > 2 * 24 * hour, "the case was opened days ago");
  assert.ok((times.at(-1) ?? 0) - (times[0] ?? 0) > hour, "its messages came hours apart");
  const inbox = (await engineer.get("/api/v1/cases?status=all")).body.items as { createdAt: string }[];
  const minutes = new Set(inbox.map((c) => new Date(c.createdAt).toISOString().slice(11, 16)));
  assert.ok(minutes.size > 1, "cases were opened at different times of day");
});
