import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { TestClient } from "../server/test/client.ts";
import { launchBench } from "./launch.ts";

/**
 * `npm run bench:reports`: support reports at scale (issue #19: any report for a 90-day window
 * at 2,000,000 cases under 500 ms p95). A production Rapport on a fresh database; BENCH_CASES
 * (2,000,000) cases' metrics rows spread over two years, written set-based straight into
 * case_metrics (8 teams, 40 agents, 6 channels, 10 tags, 6 customer zones), and the daily rollups
 * built from them in one statement each — the same sums the incremental refresher keeps.
 * Then every metric is asked for the last 90 days over loopback, without a grouping and by
 * day, week, team, agent, channel and tag, RUNS times each after a warm-up, and p50/p95 are
 * written to bench/REPORTS.md. (The drill-down joins real cases and is not timed here.)
 */
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:reports] ${m}`);
const CASES = Number(process.env.BENCH_CASES ?? 2_000_000);
const RUNS = Number(process.env.RUNS ?? 15);
const WARMUP = 3;
const ALL_METRICS = [
  "first-reply-time",
  "next-reply-time",
  "resolution-time",
  "one-touch",
  "reopen-rate",
  "repeat-contact-rate",
  "backlog",
  "csat",
  "ces",
];
// BENCH_METRICS=backlog,csat times only those.
const METRICS = process.env.BENCH_METRICS ? process.env.BENCH_METRICS.split(",") : ALL_METRICS;
const GROUPS = ["", "day", "week", "team", "agent", "channel", "tag"];

const rapport = await launchBench({
  database: "rapport_bench_reports",
  embeddedPort: 55989,
  dataDirName: "app-reports",
  env: { DETECTION_SWEEP: "false" },
  owner: { workspaceName: "Bench Reports", name: "Owner Rita", email: "rita@bench.example" },
});
const { base, databaseUrl, workspaceId: ws } = rapport;
try {
  const client = new TestClient(base);
  await client.post("/api/auth/sign-in/email", { email: "rita@bench.example", password: "bench-password-1" });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  db.on("error", () => undefined);
  const q = (text: string, values: unknown[] = []) => db.query(text, values);
  const t0 = performance.now();
  await q(`insert into teams (workspace_id, name) select $1, 'Team ' || g from generate_series(1, 8) g`, [
    ws,
  ]);
  const teams = (await q("select id from teams where workspace_id = $1 order by name", [ws])).rows.map(
    (r) => r.id as string,
  );
  // Agents: membership ids only matter as keys; 5 per team.
  const agents = Array.from(
    { length: 40 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  );
  // Two years back from today, ~2,740 cases a day; a case's facts are arithmetic on its number.
  await q(
    `insert into case_metrics (case_id, workspace_id, created_at, team_id, agent_id, channel, tags, customer_zone,
        business_day, customer_day, first_reply_at, first_reply_business, first_reply_wall,
        next_reply_count, next_reply_business, next_reply_wall, resolved_at, resolution_business, resolution_wall,
        reopen_count, replies_before_solve, one_touch, repeat_contact, csat_rating, csat_positive, ces_rating, ces_positive)
     select gen_random_uuid(), $1, c.at, ($2::uuid[])[1 + g % 8], ($3::uuid[])[1 + g % 40],
            (array['email','web','chat','phone','api','social'])[1 + (g / 7) % 6],
            case when g % 3 = 0 then array[(array['billing','wifi','update','setup','returns','hardware','error-1013','beam','sub','nethub'])[1 + g % 10]]
                 else array[(array['billing','wifi','update','setup','returns','hardware','error-1013','beam','sub','nethub'])[1 + g % 10],
                            (array['billing','wifi','update','setup','returns','hardware','error-1013','beam','sub','nethub'])[1 + (g / 10) % 10]] end,
            (array['Europe/Berlin','Europe/London','Asia/Tokyo','America/New_York','America/Los_Angeles','Australia/Sydney'])[1 + g % 6],
            c.at::date, (c.at + ((g % 6) * 3 - 8) * interval '1 hour')::date,
            c.at + (5 + g % 600) * interval '1 minute', (5 + g % 600) * 0.6, 5 + g % 600,
            g % 4, (g % 4) * (30 + g % 90) * 0.7, (g % 4) * (30 + g % 90),
            case when g % 50 <> 0 then c.at + (60 + g % 5000) * interval '1 minute' end,
            case when g % 50 <> 0 then (60 + g % 5000) * 0.5 end,
            case when g % 50 <> 0 then 60 + g % 5000 end,
            case when g % 13 = 0 then 1 else 0 end, 1 + g % 3, g % 50 <> 0 and g % 13 <> 0 and g % 3 = 0,
            g % 17 = 0,
            case when g % 4 = 0 then 1 + g % 5 end, case when g % 4 = 0 then g % 5 >= 3 end,
            case when g % 9 = 0 then 1 + g % 7 end, case when g % 9 = 0 then g % 7 >= 4 end
       from generate_series(1, $4::int) g,
            lateral (select now() - (g::float8 / $4::int) * interval '730 days' as at) c`,
    [ws, teams, agents, CASES],
  );
  // Each reopened case (1 in 13) was first solved half an hour in and reopened up to three days
  // later, before its last solve.
  await q(
    `insert into case_solve_spans (case_id, workspace_id, solved_at, reopened_at)
     select case_id, workspace_id, created_at + interval '30 minutes',
            least(coalesce(resolved_at, 'infinity'),
                  created_at + interval '30 minutes' + (abs(hashtext(case_id::text)) % 4320) * interval '1 minute')
       from case_metrics where workspace_id = $1 and reopen_count > 0`,
    [ws],
  );
  log(`seeded ${CASES} metrics rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const sums = `count(*), count(first_reply_wall), coalesce(sum(%FR), 0), sum(next_reply_count), sum(%NR),
      count(resolved_at), count(*) filter (where resolved_at is not null or reopen_count > 0), coalesce(sum(%RS), 0),
      count(*) filter (where reopen_count > 0), count(*) filter (where one_touch), count(*) filter (where repeat_contact),
      count(csat_rating), count(*) filter (where csat_positive), coalesce(sum(csat_rating), 0),
      count(ces_rating), count(*) filter (where ces_positive), coalesce(sum(ces_rating), 0)`;
  const cols = `created, first_reply_count, first_reply_sum, next_reply_count, next_reply_sum, resolved, solved_once,
      resolution_sum, reopened, one_touch, repeat_contacts, csat_count, csat_positive, csat_sum, ces_count, ces_positive, ces_sum`;
  for (const [clock, day, suffix] of [
    ["business", "business_day", "business"],
    ["customer", "customer_day", "wall"],
  ] as const) {
    const s = sums
      .replace("%FR", `first_reply_${suffix}`)
      .replace("%NR", `next_reply_${suffix}`)
      .replace("%RS", `resolution_${suffix}`);
    await q(
      `insert into report_daily (workspace_id, clock, day, team_id, agent_id, channel, ${cols})
       select workspace_id, '${clock}', ${day}, team_id, agent_id, channel, ${s}
         from case_metrics group by workspace_id, ${day}, team_id, agent_id, channel`,
    );
    await q(
      `insert into report_daily_tags (workspace_id, clock, day, tag, team_id, agent_id, channel, ${cols})
       select workspace_id, '${clock}', ${day}, tag, team_id, agent_id, channel, ${s}
         from case_metrics, unnest(tags) tag group by workspace_id, ${day}, tag, team_id, agent_id, channel`,
    );
  }
  // The "all" rows (channel '', no team or agent) the refresher also keeps (rollup.ts).
  const summed = cols
    .split(",")
    .map((c) => `sum(${c.trim()})`)
    .join(", ");
  await q(
    `insert into report_daily (workspace_id, clock, day, team_id, agent_id, channel, ${cols})
     select workspace_id, clock, day, null, null, '', ${summed} from report_daily group by workspace_id, clock, day`,
  );
  await q(
    `insert into report_daily_tags (workspace_id, clock, day, tag, team_id, agent_id, channel, ${cols})
     select workspace_id, clock, day, tag, null, null, '', ${summed} from report_daily_tags group by workspace_id, clock, day, tag`,
  );
  // Vacuum, as autovacuum would after a bulk load: index-only scans (the backlog's) need the
  // visibility map, and two years of history are long settled in a real installation.
  await q("vacuum analyze case_metrics");
  await q("vacuum analyze case_solve_spans");
  await q("analyze report_daily; analyze report_daily_tags");
  const sizes = (
    await q(
      "select (select count(*) from report_daily) as daily, (select count(*) from report_daily_tags) as tags",
    )
  ).rows[0];
  log(
    `rollups: ${sizes.daily} daily rows, ${sizes.tags} tag rows; seeding took ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
  };
  const lines: string[] = [];
  let worst = 0;
  for (const metric of METRICS) {
    const cells: string[] = [];
    for (const group of GROUPS) {
      const url = `/api/v1/reports/${metric}?from=${from}&to=${to}${group ? `&groupBy=${group}` : ""}`;
      const times: number[] = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const t = performance.now();
        const res = await client.get(url);
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
        if (i >= WARMUP) times.push(ms);
      }
      const p95 = pct(times, 95);
      worst = Math.max(worst, p95);
      cells.push(`${pct(times, 50).toFixed(0)} / ${p95.toFixed(0)}`);
    }
    lines.push(`| ${metric} | ${cells.join(" | ")} |`);
    log(lines.at(-1) as string);
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]?.toFixed(1)}`;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z: ${CASES.toLocaleString("en")} cases over two years, report window ${from} – ${to} (90 days), ${RUNS} runs after ${WARMUP} warm-up, ms p50 / p95 over loopback HTTP.`,
    `Rollups: ${Number(sizes.daily).toLocaleString("en")} daily rows, ${Number(sizes.tags).toLocaleString("en")} tag rows. Machine: ${machine}. Worst p95: ${worst.toFixed(0)} ms (target < 500 ms).`,
    "",
    `| metric | ${GROUPS.map((g) => g || "no grouping").join(" | ")} |`,
    `|---|${GROUPS.map(() => "---").join("|")}|`,
    ...lines,
  ].join("\n");
  console.log(`\n${table}\n`);
  const file = path.join(root, "bench/REPORTS.md");
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const marker = "<!-- results -->";
  const head = old.includes(marker) ? old.slice(0, old.indexOf(marker)) : "# Support reports at scale\n\n";
  const tail = old.includes("<!-- end results -->")
    ? old.slice(old.indexOf("<!-- end results -->"))
    : "<!-- end results -->\n";
  fs.writeFileSync(file, `${head}${marker}\n${table}\n${tail}`);
  await db.end();
} finally {
  await rapport.stop();
}
