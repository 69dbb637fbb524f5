/**
 * The volume writers of the Zendesk import's extras (issue #24): satisfaction ratings (as many
 * as tickets) and the problem/incident links called after every ticket page. Pages of 1,000
 * records, each in its own transaction as the pipeline runs them, against cases made in SQL.
 * Not part of the suite (not *.test.ts); run with
 *   node scripts/test-server.ts bench/zendesk-extras.bench.ts
 * TICKETS (default 20,000) sets the size; one problem per 50 tickets, every other ticket an
 * incident, half of the incidents arriving before their problem.
 */
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { linkIncidents } from "../server/src/modules/imports/zendesk/link-incidents.ts";
import { ratingsWriter } from "../server/src/modules/imports/zendesk/write-ratings.ts";
import type { ImportContext } from "../server/src/modules/imports/zendesk/writer.ts";
import type { ZdSatisfactionRating, ZdTicket } from "../server/src/modules/imports/zendesk/zendesk-types.ts";
import { TenantScope } from "../server/src/platform/db/tenant.ts";
import { inTransaction } from "../server/src/platform/db/tx.ts";
import { setUpWorkspace } from "../server/test/factories.ts";
import { startTestServer, type TestServer } from "../server/test/harness.ts";

const N = Number(process.env.TICKETS ?? 20_000);
const PAGE = 1000;
const SOURCE = "zendesk:bench.zendesk.com";
let server: TestServer;
let workspaceId: string;
let runId: string;

before(async () => {
  server = await startTestServer();
  ({ workspaceId } = await setUpWorkspace(server));
  const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
  runId = (
    await q(
      "insert into import_runs (workspace_id, source, base_url) values ($1, $2, 'https://bench') returning id",
      [workspaceId, SOURCE],
    )
  ).rows[0].id;
  // N customers and cases, mapped as the tickets writer maps them (ticket id = g).
  await q(
    `with c as (insert into customers (workspace_id, name) select $1, 'Customer ' || g from generate_series(1, $2) g returning id),
          n as (select id, row_number() over () as g from c),
          k as (insert into cases (workspace_id, number, customer_id, subject, channel, status)
                select $1, 1000000 + g, id, 'Ticket ' || g, 'email', 'solved' from n returning id, number)
     insert into import_ids (workspace_id, source, kind, external_id, local_id)
     select $1, $3, 'ticket', (number - 1000000)::text, id from k`,
    [workspaceId, N, SOURCE],
  );
});
after(async () => {
  await server.close();
});

function ctxOf(scope: TenantScope): ImportContext {
  return {
    scope,
    runId,
    source: SOURCE,
    files: server.runtime.ctx.files,
    download: async () => {
      throw new Error("none");
    },
    maxAttachmentBytes: 1,
    inTurn: async () => {},
    heldByPageBefore: new Set(),
  };
}

async function timed(label: string, pages: number, work: (page: number) => Promise<unknown>) {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  for (let p = 0; p < pages; p++) await work(p);
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${label}: ${N} records in ${s.toFixed(2)} s = ${Math.round(N / s)}/s; RSS ${Math.round(rssBefore / 1e6)} → ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
  );
}

const inPage = (work: (ctx: ImportContext) => Promise<unknown>) =>
  inTransaction(server.runtime.ctx.db, async (tx) => {
    await sql`select set_config('rapport.import', 'on', true)`.execute(tx);
    return work(ctxOf(new TenantScope(tx, workspaceId)));
  });

test("ratings: pages of 1,000", async () => {
  await timed("satisfaction_ratings", N / PAGE, (p) =>
    inPage(async (ctx) => {
      const records: ZdSatisfactionRating[] = [];
      for (let i = 1; i <= PAGE; i++) {
        const id = p * PAGE + i;
        records.push({
          id,
          ticket_id: id,
          requester_id: id,
          assignee_id: null,
          group_id: null,
          score: id % 7 === 0 ? "bad" : "good",
          comment: id % 3 === 0 ? "Thanks, sorted quickly" : null,
          reason: id % 7 === 0 ? "The issue took too long to resolve" : null,
          created_at: "2024-01-01T00:00:00Z",
          updated_at: "2024-01-02T00:00:00Z",
        });
      }
      await ratingsWriter.write(ctx, {
        resource: "satisfaction_ratings",
        records,
        sideloads: {},
        checkpoint: null,
        endOfStream: false,
      });
    }),
  );
});

test("problem/incident links after each ticket page", async () => {
  // Ticket g: every 50th is a problem; odd ones are incidents of the next problem up (so half
  // of them arrive on a page before their problem's), even ones plain questions.
  const ticket = (g: number): ZdTicket => {
    const problem = g % 50 === 0;
    const incidentOf = !problem && g % 2 === 1 ? Math.min(N, Math.ceil(g / 50) * 50) : null;
    return {
      id: g,
      external_id: null,
      via: { channel: "email" },
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-02T00:00:00Z",
      type: problem ? "problem" : incidentOf ? "incident" : "question",
      subject: `Ticket ${g}`,
      description: null,
      priority: null,
      status: "open",
      requester_id: g,
      submitter_id: g,
      assignee_id: null,
      organization_id: null,
      group_id: null,
      collaborator_ids: [],
      problem_id: incidentOf,
      has_incidents: problem,
      due_at: null,
      tags: [],
      custom_fields: [],
      satisfaction_rating: null,
    };
  };
  await timed("linkIncidents (tickets)", N / PAGE, (p) =>
    inPage(async (ctx) => {
      const tickets = Array.from({ length: PAGE }, (_, i) => ticket(p * PAGE + i + 1));
      await linkIncidents(ctx, tickets);
    }),
  );
});
