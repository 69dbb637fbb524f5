/**
 * How long does changing business hours take to recompute the SLA dues of every open case?
 *   npm run bench:sla   (node bench/sla-recompute.ts; BENCH_CASES=100000 by default)
 *
 * Seeds one workspace with BENCH_CASES open cases (SQL), two teams with business hours in
 * Berlin and Los Angeles (holidays included) and three SLA policies, then times
 * recomputeOpenCases (server/src/modules/sla/recompute.ts) — what PUT /api/v1/business-hours
 * and the policy routes run after their change. Goal (issue #18): 100,000 cases < 60 s.
 * bench/SLA.md records a run.
 */
import os from "node:os";
import pg from "pg";
import { recomputeOpenCases } from "../server/src/modules/sla/recompute.ts";
import { createDb } from "../server/src/platform/db/pool.ts";
import { TenantScope } from "../server/src/platform/db/tenant.ts";
import { launchBench } from "./launch.ts";

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const log = (m: string) => console.log(`[bench:sla] ${m}`);

const rapport = await launchBench({
  database: "rapport_bench_sla",
  embeddedPort: 55996,
  dataDirName: "app-sla",
  env: { DETECTION_SWEEP: "false" },
});
const { databaseUrl, workspaceId: ws } = rapport;
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
try {
  const t0 = performance.now();
  const week = (start: string, end: string) =>
    JSON.stringify(
      [1, 2, 3, 4, 5].flatMap((day) => [
        { day, start, end: "12:30" },
        { day, start: "13:30", end },
      ]),
    );
  await pool.query(`insert into teams (workspace_id, name) values ($1, 'Berlin'), ($1, 'Los Angeles')`, [ws]);
  const teams = (await pool.query(`select id, name from teams where workspace_id = $1 order by name`, [ws]))
    .rows;
  await pool.query(
    `insert into business_calendars (workspace_id, team_id, name, timezone, periods, holidays)
     values ($1, $2, 'Berlin', 'Europe/Berlin', $4, '["2026-12-24","2026-12-25","2026-12-26"]'),
            ($1, $3, 'Los Angeles', 'America/Los_Angeles', $5, '["2026-11-26","2026-12-25"]')`,
    [ws, teams[0].id, teams[1].id, week("08:00", "17:00"), week("09:00", "18:00")],
  );
  await pool.query(
    `insert into sla_policies (workspace_id, name, position, conditions, targets, calendar) values
       ($1, 'Urgent', 0, '{"priority":"urgent"}', '{"firstReplyMinutes":60,"resolutionMinutes":480}', 'team'),
       ($1, 'Enterprise', 1, '{"organization":"Globex"}', '{"firstReplyMinutes":120,"nextReplyMinutes":240,"resolutionMinutes":1440}', 'team'),
       ($1, 'Standard', 2, '{}', '{"firstReplyMinutes":480,"nextReplyMinutes":480,"resolutionMinutes":4800}', 'team')`,
    [ws],
  );
  await pool.query(
    `insert into customers (workspace_id, name, organization)
     select $1, 'Customer ' || g, case when g % 5 = 0 then 'Globex' end from generate_series(1, 1000) g`,
    [ws],
  );
  await pool.query(
    `with cu as (select id, row_number() over (order by id) as n from customers where workspace_id = $1)
     insert into cases (workspace_id, number, customer_id, subject, channel, priority, team_id, status,
                        created_at, first_replied_at, sla_started_at, sla_next_reply_from, sla_paused_minutes)
     select $1, g, cu.id, 'Case ' || g, 'email',
            (array['low','normal','high','urgent'])[1 + g % 4],
            case when g % 2 = 0 then $2::uuid else $3::uuid end,
            (array['new','open','pending','on_hold'])[1 + g % 4],
            now() - (g % 4320) * interval '1 minute',
            case when g % 3 = 0 then now() - (g % 600) * interval '1 minute' end,
            now(),
            case when g % 6 = 0 then now() - (g % 300) * interval '1 minute' end,
            g % 90
       from generate_series(1, $4::int) g join cu on cu.n = 1 + g % 1000`,
    [ws, teams[0].id, teams[1].id, CASES],
  );
  await pool.query("analyze cases");
  log(`seeded ${CASES} open cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const db = createDb(pool);
  const runs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const n = await recomputeOpenCases(new TenantScope(db, ws));
    const s = (performance.now() - t) / 1000;
    runs.push(s);
    log(`recompute ${i + 1}: ${n} cases in ${s.toFixed(1)} s (${Math.round(n / s)} cases/s)`);
  }
  const dues = (
    await pool.query(
      `select count(*) filter (where sla_first_reply_due_at is not null) as first,
              count(*) filter (where sla_resolution_due_at is not null) as res from cases where workspace_id = $1`,
      [ws],
    )
  ).rows[0];
  console.log(
    `\n| cases | run 1 | run 2 | first-reply dues | resolution dues | machine |\n|---|---|---|---|---|---|`,
  );
  console.log(
    `| ${CASES} | ${runs[0]?.toFixed(1)} s | ${runs[1]?.toFixed(1)} s | ${dues.first} | ${dues.res} | ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]?.toFixed(1)} |`,
  );
  await db.destroy();
} finally {
  await pool.end().catch(() => {});
  await rapport.stop();
}
