import { sql } from "kysely";
import {
  STAFF_ONLY_KINDS,
  type TimelineData,
  type TimelineEvent,
  type TimelineKind,
} from "../../../../contracts/timeline.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * The timeline: one append-only list of what happened, per customer and per case.
 * Every module appends through `appendEvent`, typed by the event kinds in
 * contracts/timeline.ts; readers page through it newest first by id.
 */
export type Doer = { userId: string | null; name: string };

export async function appendEvent<K extends TimelineKind>(
  scope: TenantScope,
  event: { customerId: string; caseId?: string | null; kind: K; data: TimelineData<K>; doer?: Doer | null },
): Promise<void> {
  await scope
    .insertInto("timeline_events", {
      customer_id: event.customerId,
      case_id: event.caseId ?? null,
      kind: event.kind,
      actor_user_id: event.doer?.userId ?? null,
      actor_name: event.doer?.name ?? null,
      data: JSON.stringify(event.data),
    })
    .execute();
}

/**
 * Moves a customer's case-less events onto a case they turned out to belong to (a self-service
 * playbook run that opened one): each match names a data key and the values it may have, and
 * optionally the kind. One of the two exceptions to append-only, with merging customers.
 * Filtering by customer keeps this on the customer index instead of the workspace's events.
 */
export async function moveEventsToCase(
  scope: TenantScope,
  customerId: string,
  caseId: string,
  matches: Array<{ kind?: TimelineKind; key: string; values: string[] }>,
) {
  const live = matches.filter((m) => m.values.length > 0);
  if (live.length === 0) return;
  await scope
    .updateTable("timeline_events")
    .set({ case_id: caseId })
    .where("customer_id", "=", customerId)
    .where("case_id", "is", null)
    .where((eb) =>
      eb.or(
        live.map((m) =>
          eb.and([
            ...(m.kind ? [eb("kind", "=", m.kind)] : []),
            eb(sql<string>`data->>${m.key}`, "in", m.values),
          ]),
        ),
      ),
    )
    .execute();
}

export async function listTimeline(
  scope: TenantScope,
  filter: { customerId?: string; caseId?: string; includeNotes?: boolean },
  page: { cursor?: string | undefined; limit: number },
): Promise<{ items: TimelineEvent[]; nextCursor: string | null }> {
  const before = page.cursor === undefined ? undefined : Number(page.cursor);
  if (before !== undefined && (!Number.isSafeInteger(before) || before < 1)) {
    throw new AppError("validation_failed", "cursor is not a cursor this API returned", "cursor");
  }
  let q = scope
    .selectFrom("timeline_events")
    .leftJoin("cases as c", "c.id", "timeline_events.case_id")
    .select([
      "timeline_events.id as id",
      "timeline_events.kind as kind",
      "timeline_events.occurred_at as occurredAt",
      "timeline_events.customer_id as customerId",
      "timeline_events.case_id as caseId",
      "c.number as caseNumber",
      "timeline_events.actor_user_id as actorId",
      "timeline_events.actor_name as actorName",
      "timeline_events.data as data",
    ])
    .orderBy("timeline_events.id", "desc")
    .limit(page.limit + 1);
  if (filter.customerId) q = q.where("timeline_events.customer_id", "=", filter.customerId);
  if (filter.caseId) q = q.where("timeline_events.case_id", "=", filter.caseId);
  // Customers never see internal notes, even as a timeline line.
  if (filter.includeNotes === false) {
    q = q.where(
      sql<boolean>`not (timeline_events.kind = 'message.added' and timeline_events.data->>'kind' = 'note')`,
    );
    q = q.where("timeline_events.kind", "not in", [...STAFF_ONLY_KINDS]);
  }
  if (before !== undefined) q = q.where("timeline_events.id", "<", before);
  const rows = await q.execute();
  const items = rows.slice(0, page.limit).map((r) => ({
    id: String(r.id),
    kind: r.kind,
    occurredAt: r.occurredAt.toISOString(),
    customerId: r.customerId,
    caseId: r.caseId,
    caseNumber: r.caseNumber === null ? null : Number(r.caseNumber),
    actor: r.actorName === null ? null : { id: r.actorId, name: r.actorName },
    data: r.data as Record<string, unknown>,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? last.id : null };
}
