import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { TestClient } from "../server/test/client.ts";
import { launchBench } from "./launch.ts";

/**
 * `npm run bench:routing`: what routing adds to case creation (issue #18: ≤ 2 ms at p95).
 * A production Rapport on a fresh database with 20 agents in two teams, 20,000 existing cases
 * (their loads and last assignments are what round robin and least loaded read) and 1,000
 * customers. Times POST /api/v1/cases over loopback, sequentially, in three runs interleaved in
 * rounds so drift on the shared machine hits all alike: no routing at all (an explicit team,
 * which skips routing), routing with nothing configured (one read, nothing found), and routing
 * through four rules to a least-loaded pick with capacities. Writes bench/ROUTING.md.
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

  const post = async (body: Record<string, unknown>) => {
    const t = performance.now();
    const res = await client.post("/api/v1/cases", body);
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
  type Kind = "explicit" | "empty" | "rules";
  const times: Record<Kind, number[]> = { explicit: [], empty: [], rules: [] };
  const cpu: Record<Kind, number> = { explicit: 0, empty: 0, rules: 0 };
  const one = async (kind: Kind, timed: boolean) => {
    const c0 = cpuMs();
    const ms = await post(kind === "explicit" ? body({ teamId: billing }) : body());
    if (timed) {
      times[kind].push(ms);
      cpu[kind] += cpuMs() - c0;
    }
  };
  const round = async (kinds: Kind[], timed: boolean) => {
    for (const k of kinds) await one(k, timed);
  };
  // Rules are added between the phases; explicit and empty interleave, then explicit and rules.
  for (let r = 0; r < WARMUP; r++) await round(["explicit", "empty"], false);
  for (let r = 0; r < RUNS; r++) await round(["explicit", "empty"], true);
  await q(
    `insert into routing_rules (workspace_id, name, position, conditions, team_id, strategy) values
       ($1, 'Chat', 1, '{"channel":"chat"}', $2, 'round_robin'),
       ($1, 'German', 2, '{"language":"de"}', $3, 'round_robin'),
       ($1, 'Soundbars', 3, '{"productModel":"SB-700"}', $3, 'least_loaded'),
       ($1, 'Billing', 4, '{"tag":"billing"}', $2, 'least_loaded')`,
    [ws, speakers, billing],
  );
  const explicitBefore = times.explicit.length;
  for (let r = 0; r < WARMUP; r++) await round(["explicit", "rules"], false);
  for (let r = 0; r < RUNS; r++) await round(["explicit", "rules"], true);
  const routed = await q(
    "select count(*)::int n from timeline_events where workspace_id = $1 and kind = 'case.routed'",
    [ws],
  );
  await db.end();

  const f = (n: number) => n.toFixed(2);
  const row = (label: string, k: Kind, xs = times[k]) =>
    `| ${label} | ${f(pct(xs, 50))} | **${f(pct(xs, 95))}** | ${f(pct(xs, 99))} | ${f(cpu[k] / times[k].length)} |`;
  const base95 = pct(times.explicit, 95);
  const lines = [
    row("no routing (explicit team)", "explicit"),
    row("routing, nothing configured", "empty"),
    row("routing: 4 rules, least loaded over 10 agents with capacities", "rules"),
  ];
  for (const k of ["empty", "rules"] as const)
    log(`${k}: p95 ${f(pct(times[k], 95))} ms vs ${f(base95)} ms without`);
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
loopback, ${RUNS} of each kind after ${WARMUP} warm-up, interleaved (one of each per round). ${routed.rows[0].n}
cases were routed with a \`case.routed\` event. Target: routing adds **≤ 2 ms** at p95.

| case creation | p50 ms | **p95 ms** | p99 ms | Rapport CPU / request ms |
| --- | --- | --- | --- | --- |
${lines.join("\n")}

The "no routing" row is measured twice (${explicitBefore} interleaved with the empty case, the rest with rules)
and reported together. CPU is the Rapport process's user + system time (from /proc) over the
timed requests divided by their number; PostgreSQL's own CPU is not in it.

How: routing is one extra statement before the insert (server/src/modules/routing/route.repo.ts)
reading the customer's preferred agent and dedicated team, their organization's team, the first
matching rule (conditions matched in SQL), and the loads and last assignment of only the members of
the teams those name (\`cases_open_assignee_idx\` and the new \`cases_assignee_created_idx\`). The
choice (business hours, capacity, strategy) is made in memory; the team, the assignee and the
\`case.routed\` event are written by the case's own single insert statement.
`;
  fs.writeFileSync(path.join(root, "bench/ROUTING.md"), report);
  log("wrote bench/ROUTING.md");
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await rapport.stop();
}
