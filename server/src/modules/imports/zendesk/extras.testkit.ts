import assert from "node:assert/strict";
import { sql } from "kysely";
import type { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import type { Page, ResourceName, ResourceRecords } from "./resources.ts";
import type { ImportContext, ResourceWriter, WriteOutcome } from "./writer.ts";

/**
 * What the extras writers' tests share: a real Rapport with one workspace, an import run, the
 * id map rows the core writers would have left (tickets → cases, groups → teams), and a way to
 * hand a writer one page inside one transaction, as the pipeline does.
 */
export const SOURCE = "zendesk:acme.zendesk.com";

export type Kit = {
  server: TestServer;
  admin: TestClient;
  workspaceId: string;
  runId: string;
  q: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
};

export async function startKit(): Promise<Kit> {
  const server = await startTestServer();
  const { admin, workspaceId } = await setUpWorkspace(server);
  const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
  // Subscribed to what a service would announce, so a write that went through one shows up.
  const hook = await admin.post("/api/v1/webhooks", {
    url: "https://hooks.example.com/rapport",
    events: ["survey.responded", "article.published", "article.updated", "problem.created"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const run = await q(
    "insert into import_runs (workspace_id, source, base_url, status) values ($1, $2, 'https://acme.zendesk.com', 'running') returning id",
    [workspaceId, SOURCE],
  );
  return { server, admin, workspaceId, runId: String(run.rows[0]?.id), q };
}

export function contextOf(kit: Kit, scope: TenantScope): ImportContext {
  return {
    scope,
    runId: kit.runId,
    source: SOURCE,
    files: kit.server.runtime.ctx.files,
    download: async () => {
      throw new Error("the extras writers download nothing");
    },
    maxAttachmentBytes: 25 * 1024 * 1024,
    inTurn: async () => {},
    heldByPageBefore: new Set(),
  };
}

export function pageOf<R extends ResourceName>(resource: R, records: ResourceRecords[R][]): Page<R> {
  return { resource, records, sideloads: {}, checkpoint: null, endOfStream: true };
}

/**
 * Runs work in one transaction with the page's scope, as the pipeline does per page, with the
 * pipeline's `rapport.import = 'on'` for the transaction.
 */
export function inPage<T>(kit: Kit, work: (ctx: ImportContext) => Promise<T>): Promise<T> {
  return inTransaction(kit.server.runtime.ctx.db, async (tx) => {
    await sql`select set_config('rapport.import', 'on', true)`.execute(tx);
    return work(contextOf(kit, new TenantScope(tx, kit.workspaceId)));
  });
}

export function writePage<R extends ResourceName>(
  kit: Kit,
  writer: ResourceWriter<R>,
  records: ResourceRecords[R][],
): Promise<WriteOutcome> {
  return inPage(kit, (ctx) => writer.write(ctx, pageOf(writer.resource, records)));
}

export function assessPage<R extends ResourceName>(
  kit: Kit,
  writer: ResourceWriter<R>,
  records: ResourceRecords[R][],
): Promise<WriteOutcome> {
  return writer.assess(
    new TenantScope(kit.server.runtime.ctx.db, kit.workspaceId),
    SOURCE,
    pageOf(writer.resource, records),
  );
}

/** What the core writers leave in the id map: a Zendesk id of `kind` → a Rapport row. */
export async function mapId(kit: Kit, kind: string, externalId: string | number, localId: string) {
  await kit.q(
    "insert into import_ids (workspace_id, source, kind, external_id, local_id) values ($1, $2, $3, $4, $5)",
    [kit.workspaceId, SOURCE, kind, String(externalId), localId],
  );
}

export async function newCustomer(kit: Kit, name: string): Promise<string> {
  const res = await kit.admin.post("/api/v1/customers", { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

/** A case standing in for an imported ticket, mapped as the tickets writer maps it. */
export async function importedCase(
  kit: Kit,
  ticketId: number,
  opts: { customerId?: string; subject?: string } = {},
): Promise<{ id: string; number: number; customerId: string }> {
  const customerId = opts.customerId ?? (await newCustomer(kit, `Requester of ${ticketId}`));
  const res = await kit.admin.post("/api/v1/cases", {
    customerId,
    subject: opts.subject ?? `Zendesk ticket ${ticketId}`,
    message: "Imported history",
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  await mapId(kit, "ticket", ticketId, res.body.id);
  return { id: res.body.id, number: res.body.number, customerId };
}

export async function newTeam(kit: Kit, name: string): Promise<string> {
  const res = await kit.admin.post("/api/v1/teams", { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return (res.body.items as Array<{ id: string; name: string }>).find((t) => t.name === name)?.id ?? "";
}

/** Nothing the import wrote may reach anyone: no queued mail, jobs, webhooks or notifications. */
export async function assertSilent(kit: Kit) {
  const counts = await kit.q(
    `select (select count(*) from outbound_mail where workspace_id = $1)::int as mail,
            (select count(*) from webhook_deliveries where workspace_id = $1)::int as hooks,
            (select count(*) from staff_notifications where workspace_id = $1)::int as notes,
            (select count(*) from surveys where workspace_id = $1 and status <> 'responded')::int as planned,
            (select count(*) from repeat_queue where workspace_id = $1 and kind = 'survey')::int as risk`,
    [kit.workspaceId],
  );
  assert.deepEqual(counts.rows[0], { mail: 0, hooks: 0, notes: 0, planned: 0, risk: 0 });
}
