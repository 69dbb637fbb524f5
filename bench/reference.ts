import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { OPEN_STATUSES } from "../contracts/cases.ts";
import { findCase, listCases } from "../server/src/modules/cases/cases.repo.ts";
import { listMessages } from "../server/src/modules/cases/messages.repo.ts";
import { customerContext, lookupCustomer } from "../server/src/modules/customers/context.service.ts";
import type { Actor } from "../server/src/platform/context.ts";
import type { Database } from "../server/src/platform/db/schema.ts";
import { TenantScope } from "../server/src/platform/db/tenant.ts";
import { phoneFor } from "./generate.ts";
import type { Fixtures } from "./scenarios.ts";

export type Statement = [string, unknown[]];
/** Per scenario, a few variants (different team, case, phone …), each the statements of one request. */
export type References = Record<string, Statement[][]>;

/**
 * The physical reference is the very SQL the API runs: each scenario's statements are
 * captured from the app's own repository code (Kysely's query log) with the scenario's
 * inputs, then replayed directly with pg. A hand-written copy would drift from the app,
 * and a simpler query would make the API's overhead look larger than it is.
 */
export async function captureReferences(pool: pg.Pool, f: Fixtures): Promise<References> {
  let captured: Statement[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === "query") captured.push([e.query.sql, [...e.query.parameters]]);
    },
  });
  const scope = new TenantScope(db, f.workspaceId);
  // Only the fields the services read; the bench token's member is agent 0.
  const actor = { workspaceId: f.workspaceId, workspaceRegion: "US" } as Actor;
  const capture = async (work: () => Promise<unknown>) => {
    captured = [];
    await work().catch(() => undefined); // a lookup that finds nobody still ran its statement
    return captured;
  };
  const open = [...OPEN_STATUSES];
  const variants = <T>(list: T[], n: number) => list.slice(0, n);
  const deep = f.deepCursor
    ? (JSON.parse(Buffer.from(f.deepCursor, "base64url").toString("utf8")) as [string, string])
    : undefined;
  const refs: References = {
    lookup: [],
    "inbox-mine": [
      await capture(() => listCases(scope, { statuses: open, assigneeId: f.agentIds[0] }, undefined, 50)),
    ],
    "inbox-unassigned": [
      await capture(() => listCases(scope, { statuses: open, assigneeId: null }, undefined, 50)),
    ],
    "inbox-team": [],
    "inbox-deep": [
      await capture(() =>
        listCases(scope, { statuses: open }, deep ? { at: deep[0], id: deep[1] } : undefined, 50),
      ),
    ],
    "case-page": [],
    "customer-panel": [],
  };
  for (const team of f.teamIds) {
    refs["inbox-team"]?.push(
      await capture(() => listCases(scope, { statuses: open, teamId: team }, undefined, 50)),
    );
  }
  for (const id of variants(f.caseIds, 50)) {
    refs["case-page"]?.push(
      await capture(async () => {
        await findCase(scope, id);
        await listMessages(scope, id, { includeNotes: true, after: undefined, limit: 50 });
      }),
    );
  }
  const ctx = { db };
  for (let i = 0; i < 50; i++) {
    const n = Math.floor(Math.random() * f.customers);
    refs.lookup?.push(await capture(() => lookupCustomer(ctx, actor, { phone: phoneFor(n, 0).e164 })));
  }
  for (const id of variants(f.customerIds, 50)) {
    refs["customer-panel"]?.push(await capture(() => customerContext(scope, id)));
  }
  return refs;
}
