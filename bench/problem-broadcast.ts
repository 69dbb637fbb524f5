import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { TestClient } from "../server/test/client.ts";
import { launchBench } from "./launch.ts";

/**
 * `node bench/problem-broadcast.ts [--cases N]`: how long one problem update takes to reach
 * N linked cases (default 5000; target: under 2 minutes on this 2-core machine). Each case
 * belongs to its own customer with an email address, so every reply is planned as an email
 * in the customer's thread (it waits in the outbox: no relay is configured). Timed from the
 * POST to the broadcast's finished_at; the linking beforehand is timed separately.
 */
const { values: args } = parseArgs({ options: { cases: { type: "string", default: "5000" } } });
const total = Number(args.cases);
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:broadcast] ${m}`);

const rapport = await launchBench({
  database: "rapport_bench_broadcast",
  embeddedPort: 55990,
  dataDirName: "app-broadcast",
  owner: { workspaceName: "Bench Broadcast", name: "Owner Olive", email: "olive@bench.example" },
});
const { base, databaseUrl, workspaceId: ws } = rapport;
const client = new TestClient(base);
await client.post("/api/auth/sign-in/email", { email: "olive@bench.example", password: "bench-password-1" });

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
await db.query(
  `with cu as (
     insert into customers (workspace_id, name)
     select $1, 'Customer ' || g from generate_series(1, $2::int) g returning id),
   ids as (
     insert into customer_identities (workspace_id, customer_id, kind, value, display)
     select $1, id, 'email', 'c-' || id || '@bench.example', 'c-' || id || '@bench.example' from cu returning customer_id),
   numbered as (select customer_id as id, row_number() over () as n from ids)
   insert into cases (workspace_id, number, customer_id, subject, status, channel)
   select $1, n, id, 'Error 1013 #' || n, 'open', 'email' from numbered`,
  [ws, total],
);
const caseIds = (await db.query("select id from cases order by number")).rows.map((r) => r.id as string);
const p = (await client.post("/api/v1/problems", { title: "Error 1013" })).body;
const linkStart = performance.now();
for (let i = 0; i < caseIds.length; i += 500) {
  const r = await client.post(`/api/v1/problems/${p.id}/cases`, { caseIds: caseIds.slice(i, i + 500) });
  if (r.status !== 200) throw new Error(`link failed: ${JSON.stringify(r.body)}`);
}
const linkSeconds = (performance.now() - linkStart) / 1000;
log(`linked ${total} cases in ${linkSeconds.toFixed(1)} s`);

const start = performance.now();
const sent = await client.post(`/api/v1/problems/${p.id}/updates`, {
  body: "Firmware 12.2 fixes Error 1013.",
});
const acceptedMs = performance.now() - start;
log(`accepted in ${acceptedMs.toFixed(0)} ms, audience ${sent.body.audienceCount}`);
let seconds = 0;
for (;;) {
  const u = (await client.get(`/api/v1/problems/${p.id}/updates`)).body.items[0];
  seconds = (performance.now() - start) / 1000;
  if (u?.finishedAt) {
    log(`finished: ${u.sent} sent, ${u.skipped} skipped in ${seconds.toFixed(1)} s`);
    break;
  }
  if (seconds > 600) throw new Error(`not finished after 10 minutes (${u?.sent} sent)`);
  await new Promise((r) => setTimeout(r, 500));
}
const dupes = (
  await db.query(
    "select count(*)::int as n from (select case_id from messages where kind = 'reply' group by case_id having count(*) > 1) x",
  )
).rows[0].n;
await db.end();
const result = {
  cases: total,
  linkSeconds: Number(linkSeconds.toFixed(1)),
  acceptedMs: Math.round(acceptedMs),
  broadcastSeconds: Number(seconds.toFixed(1)),
  perSecond: Math.round(total / seconds),
  duplicates: dupes,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
  at: new Date().toISOString(),
};
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(
  path.join(root, "bench/results/problem-broadcast.json"),
  `${JSON.stringify(result, null, 2)}\n`,
);
log(JSON.stringify(result));
await rapport.stop();
