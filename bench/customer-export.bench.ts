/**
 * What a GDPR export of a big customer costs (issue #23): time and peak RSS to build the zip
 * (the `customer.export` job) and to download it, and the query plans of the two biggest
 * sections. Not part of the suite (not *.test.ts); run with
 *   node scripts/test-server.ts bench/customer-export.bench.ts
 * Seeds one customer with 50 cases of 100 messages (2 kB each, 5,000 in all) and 20 attachments of
 * 1 MB, next to 200 other customers with 100 messages each (so a query that walks the workspace
 * instead of the customer shows), then exports through the HTTP API as an admin would.
 * RSS is sampled every 5 ms; "peak" is the highest sample minus the one before the step.
 */
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import type { TestClient } from "../server/test/client.ts";
import { setUpWorkspace } from "../server/test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../server/test/harness.ts";

let server: TestServer;
let admin: TestClient;
let workspaceId: string;
let customerId: string;
const q = async (text: string, params: unknown[] = []) =>
  (await server.runtime.ctx.pool.query(text, params)).rows;

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  customerId = (await admin.post("/api/v1/customers", { name: "Big Customer" })).body.id;
  const others = await q(
    `insert into customers (workspace_id, name) select $1, 'Other ' || g from generate_series(1, 200) g returning id`,
    [workspaceId],
  );
  const body = "x".repeat(2000);
  // Interleaved case numbers and ids, so the customer's rows are spread through the tables.
  for (const [i, owner] of [customerId, ...others.map((o) => o.id as string)].entries()) {
    const n = owner === customerId ? 50 : 1;
    await q(
      `with c as (
         insert into cases (workspace_id, number, customer_id, subject, channel)
         select $1, next_case_number($1), $2, 'Case ' || g, 'email' from generate_series(1, $3::int) g
         returning id)
       insert into messages (workspace_id, case_id, kind, author_name, body, channel, created_at)
       select $1, c.id, 'customer', 'Bench', $4, 'email', now() - make_interval(secs => g)
         from c, generate_series(1, 100) g`,
      [workspaceId, owner, n, `${body}${i}`],
    );
  }
  const files = server.runtime.ctx.files;
  const targets = await q(
    `select m.id from messages m join cases c on c.id = m.case_id where c.customer_id = $1 order by m.id limit 20`,
    [customerId],
  );
  for (const t of targets) {
    const key = await files.save(workspaceId, Buffer.alloc(1_048_576, 7));
    await q("update messages set attachments = $2 where id = $1", [
      t.id,
      JSON.stringify([
        { id: randomUUID(), name: "log.bin", contentType: "application/octet-stream", size: 1_048_576, key },
      ]),
    ]);
  }
  await q("analyze");
});
after(() => server.close());

async function peakRss<T>(work: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  try {
    const result = await work();
    return { ms: performance.now() - t0, peakMb: (peak - base) / 1_048_576, result };
  } finally {
    clearInterval(timer);
  }
}

test("export of a customer with 5,000 messages and 20 MB of files", async () => {
  const build = await peakRss(async () => {
    const started = await admin.post(`/api/v1/customers/${customerId}/export`);
    return eventually(async () => {
      const list = (await admin.get(`/api/v1/customers/${customerId}/exports`)).body.items as Array<{
        id: string;
        status: string;
        downloadUrl: string | null;
        sizeBytes: number | null;
      }>;
      const e = list.find((x) => x.id === started.body.id);
      return e && e.status !== "queued" && e.status !== "running" ? e : undefined;
    }, 300_000);
  });
  console.log(
    `build (request → ready, job picked up by the worker): ${build.ms.toFixed(0)} ms, peak RSS +${build.peakMb.toFixed(1)} MB, zip ${((build.result.sizeBytes ?? 0) / 1_048_576).toFixed(1)} MB, status ${build.result.status}`,
  );
  const download = await peakRss(async () => {
    const res = await fetch(server.url + (build.result.downloadUrl ?? ""), { headers: admin.authHeaders() });
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return bytes;
  });
  console.log(
    `download: ${download.ms.toFixed(0)} ms, peak RSS +${download.peakMb.toFixed(1)} MB, ${download.result} bytes`,
  );
  for (const [name, query] of Object.entries(planQueries)) {
    const plan = await q(`explain (analyze, buffers off, costs off, timing off) ${query}`, [
      workspaceId,
      customerId,
    ]);
    console.log(`\n${name}:\n${plan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}`);
  }
});

// A middle page of the biggest sections, as sections.ts asked for them before and asks now.
const planQueries: Record<string, string> = {
  "before: messages page (order by id::text)": `
    select m.id from messages m join cases c on c.id = m.case_id and c.workspace_id = m.workspace_id
     where m.workspace_id = $1 and c.customer_id = $2 and m.kind <> 'note' and m.id::text > '8'
     order by m.id::text limit 500`,
  "after: messages page (one case, keyset on messages_case_idx)": `
    select m.id from messages m join cases c on c.id = m.case_id and c.workspace_id = m.workspace_id
     where m.case_id = (select id from cases where customer_id = $2 order by id offset 25 limit 1)
       and m.workspace_id = $1 and m.kind <> 'note'
       and (m.created_at, m.id) > (now() - interval '50 seconds', '00000000-0000-0000-0000-000000000000'::uuid)
     order by m.created_at, m.id limit 500`,
  "before: cases page (order by id::text)": `
    select id from cases where workspace_id = $1 and customer_id = $2 and id::text > '8' order by id::text limit 500`,
  "after: cases page (keyset on id)": `
    select id from cases where workspace_id = $1 and customer_id = $2
       and id > '80000000-0000-0000-0000-000000000000'::uuid order by id limit 500`,
};
