import {
  type ChurnedList,
  type Cohorts,
  MAX_RANGE_DAYS,
  MIN_SAMPLE,
  type RetentionDashboard,
  type RetentionGroup,
  type RetentionRangeQuery,
} from "../../../../contracts/retention-dashboard.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import {
  activeAtStart,
  churnedInRange,
  cohortCurves,
  communityCustomers,
  csatByCustomer,
  offerOutcomes,
  type Range,
  repeatCustomers,
  resolutionHoursByCustomer,
  supportBefore,
} from "./retention.repo.ts";
import { trainedAmong } from "./sources.ts";

type Ctx = Pick<AppContext, "db">;
const DAY = 86_400_000;

/** from/to are whole UTC days, to inclusive; to before from, or more than 2 years, is refused. */
export function rangeOf(q: RetentionRangeQuery): Range {
  const start = new Date(`${q.from}T00:00:00Z`);
  const end = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY);
  if (end <= start) throw new AppError("validation_failed", "to must not be before from", "to");
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY)
    throw new AppError("validation_failed", "The range is limited to 2 years", "to");
  return { start, end };
}

type Member = { retained: boolean; startValue: number | null; endValue: number | null };

const rate = (num: number, den: number, n: number) => (n < MIN_SAMPLE || den === 0 ? null : num / den);

export function groupOf(key: string, members: Member[]): RetentionGroup {
  const valued = members.filter((m) => m.startValue !== null);
  const retained = members.filter((m) => m.retained).length;
  const revenueStart = valued.reduce((s, m) => s + (m.startValue ?? 0), 0);
  const revenueEnd = valued.reduce((s, m) => s + (m.endValue ?? 0), 0);
  return {
    key,
    customers: members.length,
    retained,
    retention: rate(retained, members.length, members.length),
    valued: valued.length,
    revenueStart: Math.round(revenueStart * 100) / 100,
    revenueEnd: Math.round(revenueEnd * 100) / 100,
    revenueRetention: rate(revenueEnd, revenueStart, valued.length),
    tooFew: members.length < MIN_SAMPLE,
  };
}

function split(keys: string[], members: Map<string, Member>, keyOf: (id: string) => string) {
  const by = new Map<string, Member[]>(keys.map((k) => [k, []]));
  for (const [id, m] of members) by.get(keyOf(id))?.push(m);
  return keys.map((k) => groupOf(k, by.get(k) ?? []));
}

const resolutionBucket = (hours: number | undefined) =>
  hours === undefined ? "none" : hours < 24 ? "under1d" : hours < 72 ? "1to3d" : "over3d";

/**
 * Retention over the range (customers active at its start still not churned at its end),
 * split by the support they had during the range. These are associations, not causes: the
 * screen says so, and every group shows its size; under MIN_SAMPLE it shows no rate.
 */
export async function retentionDashboard(
  ctx: Ctx,
  actor: Actor,
  q: RetentionRangeQuery,
): Promise<RetentionDashboard> {
  const r = rangeOf(q);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const rows = await activeAtStart(scope, r);
  const members = new Map<string, Member>(
    rows.map((x) => [
      x.customer_id,
      {
        retained: x.retained,
        startValue: x.start_value === null ? null : Number(x.start_value),
        endValue: x.end_value === null ? null : Number(x.end_value),
      },
    ]),
  );
  const ids = [...members.keys()];
  const [repeats, csat, resolution, community, trained, offers] = await Promise.all([
    repeatCustomers(scope, r, ids),
    csatByCustomer(scope, r, ids),
    resolutionHoursByCustomer(scope, r, ids),
    communityCustomers(scope, r, ids),
    trainedAmong(scope, ids),
    offerOutcomes(scope, r),
  ]);
  const yesNo = (set: Set<string>) => (id: string) => (set.has(id) ? "yes" : "no");
  return {
    from: q.from,
    to: q.to,
    minSample: MIN_SAMPLE,
    overall: groupOf("all", [...members.values()]),
    splits: [
      { split: "repeatContacts", groups: split(["yes", "no"], members, yesNo(repeats)) },
      {
        split: "csat",
        groups: split(["positive", "neutral", "negative", "none"], members, (id) => csat.get(id) ?? "none"),
      },
      {
        split: "resolutionTime",
        groups: split(["under1d", "1to3d", "over3d", "none"], members, (id) =>
          resolutionBucket(resolution.get(id)),
        ),
      },
      { split: "trained", groups: split(["yes", "no"], members, yesNo(trained)) },
      { split: "community", groups: split(["yes", "no"], members, yesNo(community)) },
    ],
    offers: (["accepted", "ignored", "offered", "none"] as const).map((status) => {
      const o = offers.find((x) => x.status === status);
      const responses = o?.responses ?? 0;
      return {
        status,
        count: o?.count ?? 0,
        csatResponses: responses,
        csatPositive: o?.positive ?? 0,
        csatNegative: o?.negative ?? 0,
        csatPositiveShare: rate(o?.positive ?? 0, responses, responses),
      };
    }),
  };
}

export async function retentionCohorts(
  ctx: Ctx,
  actor: Actor,
  q: RetentionRangeQuery,
  now = new Date(),
): Promise<Cohorts> {
  const r = rangeOf(q);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const { sizes, points } = await cohortCurves(scope, r, now);
  return {
    minSample: MIN_SAMPLE,
    cohorts: sizes.map(({ month, size }) => ({
      month,
      size,
      tooFew: size < MIN_SAMPLE,
      points: points
        .filter((p) => p.month === month)
        .map((p) => ({ offset: p.k, retained: p.retained, share: rate(p.retained, size, size) })),
    })),
  };
}

const MAX_CHURNED = 100;

/** Each customer who churned in the range (latest first, up to 100) with their last 90 days of support. */
export async function churnedCustomers(ctx: Ctx, actor: Actor, q: RetentionRangeQuery): Promise<ChurnedList> {
  const r = rangeOf(q);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const churned = await churnedInRange(scope, r, MAX_CHURNED);
  const items: ChurnedList["items"] = [];
  for (const c of churned) {
    const s = await supportBefore(scope, c.customer_id, c.at);
    items.push({
      customer: { id: c.customer_id, name: c.name },
      churnedAt: c.at.toISOString(),
      value: c.value === null ? null : Number(c.value),
      cases: s.cases.map((x) => ({
        id: x.id,
        number: Number(x.number),
        subject: x.subject,
        status: x.status,
        createdAt: x.created_at.toISOString(),
      })),
      surveys: s.surveys.map((x) => ({
        caseId: x.case_id,
        kind: x.kind,
        rating: Number(x.rating),
        sentiment: x.sentiment,
        comment: x.comment,
        respondedAt: x.responded_at.toISOString(),
      })),
      repeats: s.repeats.map((x) => ({
        caseId: x.case_id,
        previousCaseId: x.previous_case_id,
        reason: x.reason,
        detectedAt: x.detected_at.toISOString(),
      })),
    });
  }
  return { items };
}
