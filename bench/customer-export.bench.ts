/**
 * What a GDPR export of a big customer costs (issue #23): time and peak RSS to build the zip
 * (the `customer.export` job) and to download it, and the query plans of the two biggest
 * sections. Not part of the suite (not *.test.ts); run with
 *   node scripts/test-server.ts bench/customer-export.bench.ts
 * Seeds one customer with 50 cases of 100 messages (2 kB each, 5,000 in all) and 20 attachments of
 * 1 MB, next to 5,000 other customers with a case of 4 messages (so a plan that walks the
 * workspace instead of the customer shows), then exports through the HTTP API as an admin would,
 * three times (build and download each; the worker picks the job up on its poll, so build times
 * include up to its poll interval). Memory is sampled every 5 ms; "peak" is the highest sample
 * minus the one before the step (heap + Buffers, which is where a whole file read would sit,
 * and RSS, which the process keeps once grown, so later rounds show less).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { writeExportZip } from "../server/src/modules/privacy/export/zip.ts";
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
  const body = "x".repeat(2000);
  // Seeded without triggers: the intake queues (tone, repeats, reports) would keep the worker
  // busy with 25,000 messages while the export is timed. The bench measures the export only.
  const seeder = await server.runtime.ctx.pool.connect();
  const q = async (text: string, params: unknown[] = []) => (await seeder.query(text, params)).rows;
  await q("set session_replication_role = replica");
  // The big customer: 50 cases of 100 messages.
  await q(
    `with c as (
       insert into cases (workspace_id, number, customer_id, subject, channel)
       select $1, next_case_number($1), $2, 'Case ' || g, 'email' from generate_series(1, 50) g
       returning id)
     insert into messages (workspace_id, case_id, kind, author_name, body, channel, created_at)
     select $1, c.id, 'customer', 'Bench', $3, 'email', now() - make_interval(secs => g)
       from c, generate_series(1, 100) g`,
    [workspaceId, customerId, body],
  );
  // Everyone else: 5,000 customers with one case of 4 messages, so the workspace is big and a
  // plan that walks it instead of the customer's rows shows.
  await q(
    `with cu as (
       insert into customers (workspace_id, name) select $1, 'Other ' || g from generate_series(1, 5000) g
       returning id),
     c as (
       insert into cases (workspace_id, number, customer_id, subject, channel)
       select $1, next_case_number($1), cu.id, 'Other case', 'email' from cu
       returning id)
     insert into messages (workspace_id, case_id, kind, author_name, body, channel)
     select $1, c.id, 'customer', 'Other', $2, 'email' from c, generate_series(1, 4)`,
    [workspaceId, body],
  );
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
  seeder.release(true);
});
after(() => server.close());

/** JavaScript heap plus Buffers (where a file read whole would sit), and RSS (which never shrinks). */
const held = () => {
  const m = process.memoryUsage();
  return { live: m.heapUsed + m.arrayBuffers, rss: m.rss };
};

async function peakRss<T>(work: () => Promise<T>) {
  const base = held();
  let peakLive = base.live;
  let peakRssBytes = base.rss;
  const timer = setInterval(() => {
    const now = held();
    peakLive = Math.max(peakLive, now.live);
    peakRssBytes = Math.max(peakRssBytes, now.rss);
  }, 5);
  const t0 = performance.now();
  try {
    const result = await work();
    return {
      ms: performance.now() - t0,
      peakMb: `heap+buffers +${((peakLive - base.live) / 1_048_576).toFixed(1)} MB, RSS +${((peakRssBytes - base.rss) / 1_048_576).toFixed(1)} MB`,
      result,
    };
  } finally {
    clearInterval(timer);
  }
}

test("export of a customer with 5,000 messages and 20 MB of files", async () => {
  for (let round = 1; round <= 3; round++) {
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
      `round ${round} build (request → ready): ${build.ms.toFixed(0)} ms, peak ${build.peakMb}, zip ${((build.result.sizeBytes ?? 0) / 1_048_576).toFixed(1)} MB, ${build.result.status}`,
    );
    const download = await peakRss(async () => {
      const res = await fetch(server.url + (build.result.downloadUrl ?? ""), {
        headers: admin.authHeaders(),
      });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      return bytes;
    });
    console.log(
      `round ${round} download: ${download.ms.toFixed(0)} ms, peak ${download.peakMb}, ${download.result} bytes`,
    );
    // Three a day per customer: the bench is not the limit under test.
    await q("update customer_exports set created_at = created_at - interval '2 days'");
  }
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

// How paging grows: one case of 40,000 short messages, the zip written directly (no job, no
// files), so the time is the queries'. Before, each page re-read every message of the customer.
test("paging: the zip of one case with 40,000 messages", async () => {
  const big = (await admin.post("/api/v1/customers", { name: "Chatty Customer" })).body.id as string;
  const seeder = await server.runtime.ctx.pool.connect();
  await seeder.query("set session_replication_role = replica");
  await seeder.query(
    `with c as (
       insert into cases (workspace_id, number, customer_id, subject, channel)
       values ($1, next_case_number($1), $2, 'Long chat', 'chat') returning id)
     insert into messages (workspace_id, case_id, kind, author_name, body, channel, created_at)
     select $1, c.id, 'customer', 'Bench', 'message ' || g, 'chat', now() - make_interval(secs => g)
       from c, generate_series(1, 40000) g`,
    [workspaceId, big],
  );
  await seeder.query("analyze messages");
  seeder.release(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gaps-export-bench-"));
  try {
    const t0 = performance.now();
    const ctx = server.runtime.ctx;
    await writeExportZip({ db: ctx.db, files: ctx.files }, workspaceId, big, path.join(dir, "x.zip"));
    console.log(`40,000 messages in one case: zip written in ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
