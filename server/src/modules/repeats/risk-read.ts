import { sql } from "kysely";
import type { CustomerRisk } from "../../../../contracts/repeats.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { RiskReason } from "./schema-repeats.ts";
import { sweepRepeats } from "./sweep.ts";

type Ctx = Pick<AppContext, "db" | "log"> & Partial<Pick<AppContext, "boss">>;
type Row = {
  customer_id: string;
  name: string;
  score: number | null;
  at_risk: boolean | null;
  since: Date | null;
  updated_at: Date | null;
  reasons: RiskReason[] | null;
};

const present = (r: Row): CustomerRisk => ({
  customerId: r.customer_id,
  customerName: r.name,
  score: r.score ?? 0,
  atRisk: r.at_risk ?? false,
  since: r.since ? r.since.toISOString() : null,
  updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
  reasons: r.reasons ?? [],
});

/** Staff only: risk is an internal judgement about the customer. */
function assertStaff(actor: Actor) {
  if (!actor.permissions.includes("cases.read")) throw new AppError("forbidden", "Staff only");
}

/**
 * The at-risk customers, highest score first (or longest at risk with `since`), with their
 * reasons. What the triggers queued for this workspace is handled first, so a customer who
 * just wrote for the third time is on the list when the agent looks.
 */
export async function listAtRisk(
  ctx: Ctx,
  actor: Actor,
  q: { cursor?: string | undefined; limit: number; sort: "score" | "-score" | "since" },
) {
  assertStaff(actor);
  await sweepRepeats(ctx, { workspaceId: actor.workspaceId });
  const offset = Number(q.cursor ?? 0);
  const order =
    q.sort === "since"
      ? sql`r.since asc, r.score desc, r.customer_id`
      : q.sort === "-score"
        ? sql`r.score asc, r.customer_id`
        : sql`r.score desc, r.since asc, r.customer_id`;
  const { rows } = await sql<Row>`
    select r.customer_id, c.name, r.score, r.at_risk, r.since, r.updated_at, r.reasons
      from customer_risk r join customers c on c.id = r.customer_id
     where r.workspace_id = ${actor.workspaceId} and r.at_risk and c.merged_into is null
     order by ${order} limit ${q.limit + 1} offset ${offset}`.execute(ctx.db);
  const more = rows.length > q.limit;
  return { items: rows.slice(0, q.limit).map(present), nextCursor: more ? String(offset + q.limit) : null };
}

/** One customer's risk (score 0 and no reasons when nothing counts against them). */
export async function customerRisk(ctx: Ctx, actor: Actor, customerId: string) {
  assertStaff(actor);
  await sweepRepeats(ctx, { workspaceId: actor.workspaceId });
  const { rows } = await sql<Row>`
    select c.id as customer_id, c.name, r.score, r.at_risk, r.since, r.updated_at, r.reasons
      from customers c left join customer_risk r on r.customer_id = c.id
     where c.workspace_id = ${actor.workspaceId} and c.id = ${customerId}`.execute(ctx.db);
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Customer was not found");
  return present(row);
}
