import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

// Read from the tables: what the history demo wrote through the case services (history-demo.ts).
test("the demo has six months of support history across both desks, with metrics; a second load adds nothing", async () => {
  const q = (text: string) => server.runtime.ctx.pool.query(text);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const shape = async () =>
    (
      await q(`select count(*)::int as cases,
                      (extract(epoch from now() - min(c.created_at)) / 86400)::int as oldest_days,
                      count(distinct c.team_id)::int as teams, count(distinct c.channel)::int as channels,
                      count(*) filter (where c.status = 'solved')::int as solved,
                      count(*) filter (where c.status in ('new', 'open'))::int as open,
                      (select count(*)::int from case_metrics m where m.reopen_count > 0) as reopened,
                      (select count(*)::int from case_metrics m where m.one_touch) as one_touch,
                      (select count(*)::int from case_metrics) as with_metrics
                 from cases c`)
    ).rows[0];
  const first = await shape();
  assert.ok(first.cases >= 250, `a few hundred cases: ${JSON.stringify(first)}`);
  assert.ok(first.oldest_days >= 175, "six months back");
  assert.equal(first.teams, 2);
  assert.ok(first.channels >= 4);
  assert.ok(first.solved > first.open && first.open > 0, "mostly solved, some still open");
  assert.ok(first.reopened > 0 && first.one_touch > first.reopened);
  assert.equal(first.with_metrics, first.cases, "every case has its metrics");
  // Replies land after the case opens and nothing lands in the future.
  const odd = await q(`select count(*)::int as n from messages m join cases c on c.id = m.case_id
                        where m.created_at < c.created_at or m.created_at > now()`);
  assert.equal(odd.rows[0].n, 0);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  assert.deepEqual(await shape(), first);
});
