import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { newApiToken } from "../server/src/platform/auth/api-tokens.ts";
import { TestClient } from "../server/test/client.ts";
import { launchBench } from "./launch.ts";

/**
 * `npm run bench:routing`: what routing adds to case creation (issue #18: ≤ 2 ms at p95).
 * A production Rapport on a fresh database with 20 agents in two teams, 20,000 existing cases
 * (their loads and last assignments are what round robin and least loaded read) and 1,000
 * customers. Times POST /api/v1/cases over loopback, sequentially, in three phases of two kinds
 * interleaved in rounds so drift on the shared machine hits both alike: the baseline (an explicit
 * team, no routing, no SLA policies) against routing with nothing configured, then against four
 * rules with a least-loaded pick and capacities; then, with SLA policies on, an explicit team
 * and the rules against a twin workspace's baseline (same people, teams and customers, no
 * routing, no policies), all three through API tokens. Writes bench/ROUTING.md (the
 * hand-written reading is kept; see the end).
 */
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:routing] ${m}`);
const RUNS = Number(process.env.RUNS ?? 300);
const WARMUP = 40;

const rapport = await launchBench({
  database: "rapport_bench_routing",
  embeddedPort: 55996,
  dataDirName: "app-routing",
  owner: { workspaceName: "Bench Routing", name: "Owner Rita", email: "rita@bench.example" },
});
const { base, databaseUrl, workspaceId: ws } = rapport;
try {
  const client = new TestClient(base);
  await client.post("/api/auth/sign-in/email", { email: "rita@bench.example", password: "bench-password-1" });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  // The database stops with the bench; a failure above must not be hidden by the closed connection.
  db.on("error", () => undefined);
  const q = (text: string, values: unknown[] = []) => db.query(text, values);
  await q(
    `insert into auth."user" (id, name, email, "emailVerified")
     select 'bench-agent-' || g, 'Agent ' || g, 'agent' || g || '@bench.example', true from generate_series(1, 20) g`,
  );
  await q(
    `insert into memberships (workspace_id, user_id, role)
     select $1, 'bench-agent-' || g, 'agent' from generate_series(1, 20) g`,
    [ws],
  );
  const teams = await q(
    `insert into teams (workspace_id, name) values ($1, 'Billing'), ($1, 'Speakers') returning id, name`,
    [ws],
  );
  const [billing, speakers] = teams.rows.map((r) => r.id as string);
  await q(
    `insert into team_members (workspace_id, team_id, membership_id)
     select $1, case when row_number() over (order by m.id) % 2 = 0 then $2::uuid else $3::uuid end, m.id
       from memberships m where m.workspace_id = $1 and m.role = 'agent'`,
    [ws, billing, speakers],
  );
  await q(
    `insert into routing_agents (workspace_id, membership_id, capacity)
     select $1, id, 5000 from memberships where workspace_id = $1 and role = 'agent'`,
    [ws],
  );
  await q(
    `insert into customers (workspace_id, name) select $1, 'Customer ' || g from generate_series(1, 1000) g`,
    [ws],
  );
  // 20,000 existing cases spread over the agents, half of them open.
  await q(
    `with ag as (select array_agg(id) ids from memberships where workspace_id = $1 and role = 'agent'),
          cu as (select array_agg(id) ids from customers where workspace_id = $1)
     insert into cases (workspace_id, number, customer_id, subject, channel, status, assignee_id, created_at)
     select $1, 100000 + g, cu.ids[1 + g % 1000], 'Old case ' || g, 'email',
            case when g % 2 = 0 then 'open' else 'solved' end, ag.ids[1 + g % 20], now() - g * interval '1 minute'
       from generate_series(1, 20000) g, ag, cu`,
    [ws],
  );
  await q("vacuum analyze");
  const customers = (await q("select id from customers where workspace_id = $1", [ws])).rows.map((r) => r.id);

  // Phase 3's baseline: SLA policies apply to a whole workspace, so the baseline that can be
  // interleaved with them lives in a twin workspace on the same tables and indexes.
  const twinWs = (
    await q("insert into workspaces (name, host) values ('Bench Twin', 'twin.localhost') returning id")
  ).rows[0].id as string;
  const ritaId = (await q(`select id from auth."user" where email = 'rita@bench.example'`)).rows[0].id;
  await q(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'admin')`, [twinWs, ritaId]);
  const twinBilling = (
    await q("insert into teams (workspace_id, name) values ($1, 'Billing') returning id", [twinWs])
  ).rows[0].id as string;
  await q(
    `insert into customers (workspace_id, name) select $1, 'Customer ' || g from generate_series(1, 1000) g`,
    [twinWs],
  );
  const twinCustomers = (await q("select id from customers where workspace_id = $1", [twinWs])).rows.map(
    (r) => r.id,
  );
  const tokenClient = async (workspaceId: string) => {
    const t = newApiToken();
    await q(
      `insert into api_tokens (workspace_id, user_id, name, token_hash, token_prefix)
       values ($1, $2, 'bench', $3, $4)`,
      [workspaceId, ritaId, t.hash, t.displayPrefix],
    );
    return new TestClient(base, { token: t.token });
  };
  const mainToken = await tokenClient(ws);
  const twinToken = await tokenClient(twinWs);

  const post = async (body: Record<string, unknown>, via = client) => {
    const t = performance.now();
    const res = await via.post("/api/v1/cases", body);
    const ms = performance.now() - t;
    if (res.status !== 201)
      throw new Error(`POST /api/v1/cases answered ${res.status}: ${JSON.stringify(res.body)}`);
    return ms;
  };
  const cpuMs = () => {
    const f = fs.readFileSync(`/proc/${rapport.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  };
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
  };
  let i = 0;
  const body = (extra: Record<string, unknown> = {}) => ({
    customerId: customers[i++ % customers.length],
    subject: "The soundbar drops off the network",
    message: "Since the update it disconnects every evening.",
    tags: ["billing"],
    ...extra,
  });
  // base: an explicit team in a workspace with no routing and no SLA policies (the insert alone);
  // empty: routing asked, nothing configured; rules: 4 rules, least loaded with capacities;
  // sla: an explicit team with SLA policies on; rulesSla: both; twin: the baseline in the twin
  // workspace (no routing, no policies). The last three go through API tokens.
  type Kind = "base" | "empty" | "rules" | "sla" | "rulesSla" | "twin";
  const kinds: Kind[] = ["base", "empty", "rules", "sla", "rulesSla", "twin"];
  const times = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const cpu = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<Kind, number>;
  const one = async (kind: Kind, timed: boolean) => {
    const c0 = cpuMs();
    const explicit = kind === "base" || kind === "sla";
    const ms =
      kind === "twin"
        ? await post({ ...body({ teamId: twinBilling }), customerId: twinCustomers[i % 1000] }, twinToken)
        : await post(
            explicit ? body({ teamId: billing }) : body(),
            kind === "sla" || kind === "rulesSla" ? mainToken : client,
          );
    if (timed) {
      times[kind].push(ms);
      cpu[kind] += cpuMs() - c0;
    }
  };
  const phase = async (pair: Kind[]) => {
    for (let r = 0; r < WARMUP; r++) for (const k of pair) await one(k, false);
    for (let r = 0; r < RUNS; r++) for (const k of pair) await one(k, true);
  };
  // Phase 1: nothing configured. Phase 2: four rules. Phase 3: SLA policies too (a workspace
  // default calendar and two policies), interleaved with the twin workspace's baseline.
  await phase(["base", "empty"]);
  await q(
    `insert into routing_rules (workspace_id, name, position, conditions, team_id, strategy) values
       ($1, 'Chat', 1, '{"channel":"chat"}', $2, 'round_robin'),
       ($1, 'German', 2, '{"language":"de"}', $3, 'round_robin'),
       ($1, 'Soundbars', 3, '{"productModel":"SB-700"}', $3, 'least_loaded'),
       ($1, 'Billing', 4, '{"tag":"billing"}', $2, 'least_loaded')`,
    [ws, speakers, billing],
  );
  const baseBefore = times.base.length;
  await phase(["base", "rules"]);
  await q(
    `insert into business_calendars (workspace_id, name, timezone, periods) values
       ($1, 'Office', 'Europe/Berlin', '[{"day":1,"start":"09:00","end":"17:00"},{"day":2,"start":"09:00","end":"17:00"},
         {"day":3,"start":"09:00","end":"17:00"},{"day":4,"start":"09:00","end":"17:00"},{"day":5,"start":"09:00","end":"17:00"}]')`,
    [ws],
  );
  await q(
    `insert into sla_policies (workspace_id, name, position, conditions, targets, calendar) values
       ($1, 'Urgent', 0, '{"priority":"urgent"}', '{"firstReplyMinutes":60}', 'always'),
       ($1, 'Standard', 1, '{}', '{"firstReplyMinutes":240,"nextReplyMinutes":480,"resolutionMinutes":2400}', 'team')`,
    [ws],
  );
  await phase(["twin", "sla", "rulesSla"]);
  const routed = await q(
    "select count(*)::int n from timeline_events where workspace_id = $1 and kind = 'case.routed'",
    [ws],
  );
  const withDues = await q(
    "select count(*)::int n from cases where workspace_id = $1 and sla_first_reply_due_at is not null",
    [ws],
  );
  await db.end();

  const f = (n: number) => n.toFixed(2);
  const row = (label: string, k: Kind, xs = times[k]) =>
    `| ${label} | ${f(pct(xs, 50))} | **${f(pct(xs, 95))}** | ${f(pct(xs, 99))} | ${f(cpu[k] / times[k].length)} |`;
  const base95 = pct(times.base, 95);
  const phase1 = times.base.slice(0, baseBefore);
  const phase2 = times.base.slice(baseBefore);
  const lines = [
    row("baseline: explicit team, no routing, no SLA policies (both phases)", "base"),
    row("… baseline, phase 1 only (interleaved with the next row)", "base", phase1),
    row("routing asked, nothing configured (no SLA policies)", "empty"),
    row("… baseline, phase 2 only (interleaved with the next row)", "base", phase2),
    row("routing: 4 rules, least loaded over 10 agents with capacities", "rules"),
    row("… baseline in the twin workspace, API token (interleaved with the next two rows)", "twin"),
    row("SLA policies on (explicit team, workspace calendar), API token", "sla"),
    row("4 rules + SLA policies, API token", "rulesSla"),
  ];
  for (const k of ["empty", "rules"] as const)
    log(`${k}: p95 ${f(pct(times[k], 95))} ms vs ${f(base95)} ms baseline`);
  for (const k of ["sla", "rulesSla"] as const)
    log(`${k}: p95 ${f(pct(times[k], 95))} ms vs ${f(pct(times.twin, 95))} ms twin baseline`);
  const cpus = os.cpus();
  const report = `# Routing: cost on case creation

\`npm run bench:routing\` (bench/routing.ts), ${new Date().toISOString()}.
Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version};
load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} (1/5/15 min) — two cores shared with other work while it ran.

Data: 20 agents in two teams of 10 (capacities set), 20,000 existing cases over them (half open),
1,000 customers. Requests: POST /api/v1/cases as an admin, production build, sequential, over
loopback, ${RUNS} of each kind after ${WARMUP} warm-up, in three phases of interleaved kinds
(one of each per round). ${routed.rows[0].n} cases were routed with a \`case.routed\` event; ${withDues.rows[0].n} got SLA dues.
Target: routing and SLA add **≤ 2 ms** to case creation at p95.

| case creation | p50 ms | **p95 ms** | p99 ms | Rapport CPU / request ms |
| --- | --- | --- | --- | --- |
${lines.join("\n")}

The baseline is measured twice (${baseBefore} interleaved with "nothing configured", the rest with the
rules) and reported together. Policies apply to a whole workspace, so the SLA rows are
interleaved with a twin workspace's baseline (same tables and indexes, its own 1,000 customers,
no routing, no policies), all three through API tokens rather than the session. CPU is the Rapport process's user + system time (from /proc) over the
timed requests divided by their number; PostgreSQL's own CPU is not in it.

How: case creation first asks a per-workspace flag, cached in memory and forgotten on
NOTIFY rapport_config (server/src/platform/db/workspace-flags.ts, migration 0043), whether the
workspace has any routing (rules, a customer's or organization's routing) or SLA policies. With
neither, creation is the case's single insert statement and nothing else. With routing, that
same insert chooses (routing_choose, migration 0085): a VOLATILE plpgsql function in its first
CTE takes the workspace's routing lock, reads the customer's and organization's routing, the
first matching rule and the chosen team's members, loads and last assignments with snapshots
taken after the lock (so simultaneous creations cannot overshoot a capacity or share a turn), and
returns the decision the insert writes. The teams closed now are passed in from TypeScript
(routing/route.ts, from the calendars remembered for the SLA). Routed creation is one statement.
With SLA policies, the policies and calendars are remembered per workspace like the flags, the
dues under each policy (and, for a routed case, under each team calendar) are computed before the
insert, and the insert writes the first matching policy's for the team it chose
(sla/on-create.ts): no statement follows it.
`;
  // The hand-written sections (every "## " heading on) survive a re-run (update them by hand).
  const file = path.join(root, "bench/ROUTING.md");
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const reading = old.indexOf("\n## ");
  fs.writeFileSync(file, reading >= 0 ? `${report}${old.slice(reading)}` : report);
  log("wrote bench/ROUTING.md");
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await rapport.stop();
}
