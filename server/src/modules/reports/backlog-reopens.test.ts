import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * The backlog counts a case as open only while it was: a case solved, then reopened, was not
 * open in between (issue #19). A week of March 2026 (workspace in UTC):
 *  D  created Mon 2 09:00, solved Mon 2 10:00, reopened Thu 5 09:00, still open.
 *  E  created Mon 2 09:00, solved Tue 3 10:00, reopened Wed 4 10:00, solved Fri 6 10:00.
 * Open at the end of each day: Mon E · Tue – · Wed E · Thu D E · Fri D · Sat D · Sun D.
 */
let server: TestServer;
let admin: TestClient;
const ids = { D: "", E: "" };
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const R = "/api/v1/reports";
const WEEK = "from=2026-03-02&to=2026-03-08";

async function caseWithChanges(name: string, statuses: string[], created: string, changes: string[]) {
  const cu = await admin.post("/api/v1/customers", { name });
  const res = await admin.post("/api/v1/cases", { customerId: cu.body.id, subject: name, message: "Hello" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const id = res.body.id as string;
  for (const status of statuses)
    assert.equal((await admin.patch(`/api/v1/cases/${id}`, { status })).status, 200);
  await q("update cases set created_at = $2 where id = $1", [id, created]);
  await q("update messages set created_at = $2 where case_id = $1", [id, created]);
  const ev = await q(
    "select id from timeline_events where case_id = $1 and kind = 'case.status_changed' order by occurred_at, id",
    [id],
  );
  assert.equal(ev.rows.length, changes.length);
  for (const [i, e] of ev.rows.entries())
    await q("update timeline_events set occurred_at = $2 where id = $1", [e.id, changes[i]]);
  return id;
}

async function get(path: string) {
  const res = await admin.get(path);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  await q("update workspaces set time_zone = 'UTC'");
  ids.D = await caseWithChanges("Dana", ["solved", "open"], "2026-03-02T09:00:00Z", [
    "2026-03-02T10:00:00Z",
    "2026-03-05T09:00:00Z",
  ]);
  ids.E = await caseWithChanges("Emil", ["solved", "open", "solved"], "2026-03-02T09:00:00Z", [
    "2026-03-03T10:00:00Z",
    "2026-03-04T10:00:00Z",
    "2026-03-06T10:00:00Z",
  ]);
});
after(() => server.close());

describe("backlog with reopens", () => {
  test("day by day, a case is not open between a solve and the reopen that undid it", async () => {
    const byDay = await get(`${R}/backlog?${WEEK}&groupBy=day`);
    assert.deepEqual(
      byDay.rows.map((r: { key: string; count: number }) => [r.key, r.count]),
      [
        ["2026-03-02", 1],
        ["2026-03-03", 0],
        ["2026-03-04", 1],
        ["2026-03-05", 2],
        ["2026-03-06", 1],
        ["2026-03-07", 1],
        ["2026-03-08", 1],
      ],
    );
    const byWeek = await get(`${R}/backlog?${WEEK}&groupBy=week`);
    assert.deepEqual(
      byWeek.rows.map((r: { count: number }) => r.count),
      [1],
    );
  });

  test("at a period's end, by age and by group, and the cases behind the figure", async () => {
    // Ends Tue 3 24:00: D was solved (Mon) and E too (Tue): nothing open, though both were reopened later.
    const tuesday = await get(`${R}/backlog?from=2026-03-02&to=2026-03-03`);
    assert.equal(tuesday.total.count, 0, JSON.stringify(tuesday));
    // Ends Wed 4 24:00: E (reopened Wed, 2.6 days old) is open; D is still solved.
    const wednesday = await get(`${R}/backlog?from=2026-03-02&to=2026-03-04`);
    assert.deepEqual(
      wednesday.rows.map((r: { key: string; count: number }) => [r.key, r.count]),
      [["1-3d", 1]],
    );
    const byChannel = await get(`${R}/backlog?from=2026-03-02&to=2026-03-04&groupBy=channel`);
    assert.equal(byChannel.total.count, 1);
    const behind = await get(`${R}/backlog/cases?from=2026-03-02&to=2026-03-04`);
    assert.deepEqual(
      behind.items.map((c: { id: string }) => c.id),
      [ids.E],
    );
    const thursday = await get(`${R}/backlog/cases?${WEEK}&groupBy=day&bucket=2026-03-05`);
    assert.deepEqual(thursday.items.map((c: { id: string }) => c.id).sort(), [ids.D, ids.E].sort());
    const tuesdayCases = await get(`${R}/backlog/cases?${WEEK}&groupBy=day&bucket=2026-03-03`);
    assert.equal(tuesdayCases.items.length, 0);
  });

  test("the spans follow the case: a new reopen adds one, and they are rebuilt from its history", async () => {
    const spans = async (id: string) =>
      (
        await q("select solved_at, reopened_at from case_solve_spans where case_id = $1 order by solved_at", [
          id,
        ])
      ).rows;
    await get(`${R}/backlog?${WEEK}`); // reading the report brings the metrics up to date
    assert.equal((await spans(ids.D)).length, 1);
    assert.equal((await spans(ids.E)).length, 1, "E's last solve is its metrics' resolved_at, not a span");
    assert.equal((await spans(ids.E))[0].reopened_at.toISOString(), "2026-03-04T10:00:00.000Z");
    assert.equal((await admin.patch(`/api/v1/cases/${ids.E}`, { status: "open" })).status, 200);
    await get(`${R}/backlog?${WEEK}`);
    assert.equal((await spans(ids.E)).length, 2);
  });
});
