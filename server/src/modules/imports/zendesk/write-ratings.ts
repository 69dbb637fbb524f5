import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { localIds, rememberIds, zdTime, zid } from "./extras-ids.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";
import type { ZdSatisfactionRating } from "./zendesk-types.ts";

/**
 * Zendesk satisfaction ratings → Rapport surveys (issue #24).
 *
 * The scale, honestly: Zendesk asks one two-way question, "Good, I'm satisfied" or "Bad, I'm
 * unsatisfied". Rapport's three-point CSAT scale (not good / okay / great, 1–3) holds that
 * without inventing a nuance: good → 3 (great, positive), bad → 1 (not good, negative); no
 * imported answer is ever "okay". The survey row records scale "three", whatever the
 * workspace's own CSAT scale is, so averages and the positive share stay true to what the
 * customer clicked. Zendesk's CSAT % (good / answered) equals Rapport's % positive.
 *
 * An answered rating becomes a `surveys` row (status responded, sent at the rating's
 * creation) and its `survey_responses` row, plus a `survey.responded` line on the case and
 * customer timeline. Inserted directly, not through recordAnswer, so no webhook, follow-up task
 * or notification is made for history. "offered" (asked, never answered) and "unoffered" are
 * not answers and are skipped with the reason. Nothing is sent or planned.
 */

export const IMPORTED_SCALE = "three";
const RATING = { good: 3, bad: 1 } as const;
/** survey_responses.comment holds at most this many characters (migration 0046). */
export const MAX_COMMENT = 4000;

/**
 * Zendesk's default dissatisfaction reasons (the text its API returns), to Rapport's reasons.
 * A reason only counts on a negative answer, as in Rapport's own surveys; any other text is
 * "other".
 */
export function reasonOf(text: string | null | undefined): "agent" | "speed" | "other" | null {
  const t = (text ?? "").trim().toLowerCase();
  if (!t || t === "no reason provided" || t === "none") return null;
  if (/too long|slow|took/.test(t)) return "speed";
  if (/agent/.test(t)) return "agent";
  return "other";
}

type Planned = {
  ext: string;
  caseId: string;
  customerId: string;
  channel: "email" | "portal";
  agentId: string | null;
  teamId: string | null;
  rating: 1 | 3;
  sentiment: "positive" | "negative";
  comment: string | null;
  reason: "agent" | "speed" | "other" | null;
  offeredAt: Date;
  answeredAt: Date;
  /** Set when the rating was imported before (a resume or a delta). */
  surveyId: string | null;
};

/**
 * What a page becomes. A dry run writes nothing, so its tickets are not in the id map: there a
 * rating whose ticket is not mapped yet is counted as one that would be imported (`assumed`).
 */
async function plan(scope: TenantScope, source: string, records: ZdSatisfactionRating[], dry = false) {
  const skips: Skip[] = [];
  const wanted: ZdSatisfactionRating[] = [];
  const byId = new Map<string, ZdSatisfactionRating>();
  for (const r of records) {
    const ext = zid(r?.id);
    if (!ext) {
      skips.push({
        externalId: String(r?.id ?? "?"),
        outcome: "failed",
        reason: "rating without a valid id",
      });
      continue;
    }
    if (r.score === "offered" || r.score === "unoffered") {
      const why = r.score === "offered" ? "offered but never answered" : "never offered";
      skips.push({ externalId: ext, outcome: "skipped", reason: `rating ${why}: no answer to import` });
      continue;
    }
    if (r.score !== "good" && r.score !== "bad") {
      skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `unknown rating score "${String(r.score)}"`,
      });
      continue;
    }
    if (!zid(r.ticket_id) || !zdTime(r.created_at)) {
      skips.push({
        externalId: ext,
        outcome: "failed",
        reason: "rating without a ticket id or creation time",
      });
      continue;
    }
    byId.set(ext, r); // the same rating twice in a page: the later one wins
  }
  wanted.push(...byId.values());
  const tickets = await localIds(
    scope,
    source,
    "ticket",
    wanted.map((r) => String(r.ticket_id)),
  );
  const [done, groups, cases] = await Promise.all([
    localIds(scope, source, "rating", byId.keys()),
    localIds(
      scope,
      source,
      "group",
      wanted.flatMap((r) => (zid(r.group_id) ? [String(r.group_id)] : [])),
    ),
    tickets.size === 0
      ? Promise.resolve([])
      : scope
          .selectFrom("cases")
          .select(["id", "customer_id", "channel", "assignee_id", "team_id"])
          .where("id", "in", [...new Set(tickets.values())])
          .execute(),
  ]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const planned: Planned[] = [];
  let assumed = 0;
  for (const r of wanted) {
    const ext = String(r.id);
    const c = caseById.get(tickets.get(String(r.ticket_id)) ?? "");
    if (!c && dry && !tickets.has(String(r.ticket_id))) {
      assumed++;
      continue;
    }
    if (!c) {
      skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `its ticket ${r.ticket_id} was not imported`,
      });
      continue;
    }
    let comment = r.comment?.trim() || null;
    if (comment && comment.length > MAX_COMMENT) {
      skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `comment of ${comment.length} characters cut to ${MAX_COMMENT} (the survey answer's limit)`,
      });
      comment = `${comment.slice(0, MAX_COMMENT - 1)}…`;
    }
    const offeredAt = zdTime(r.created_at) as Date;
    planned.push({
      ext,
      caseId: c.id,
      customerId: c.customer_id,
      channel: c.channel === "email" ? "email" : "portal",
      agentId: c.assignee_id,
      teamId: groups.get(String(r.group_id)) ?? c.team_id,
      rating: RATING[r.score as "good" | "bad"],
      sentiment: r.score === "good" ? "positive" : "negative",
      comment,
      reason: r.score === "bad" ? reasonOf(r.reason) : null,
      offeredAt,
      answeredAt: zdTime(r.updated_at) ?? offeredAt,
      surveyId: done.get(ext) ?? null,
    });
  }
  return { planned, skips, assumed };
}

async function write(scope: TenantScope, source: string, planned: Planned[]) {
  const fresh = planned.filter((p) => !p.surveyId).map((p) => ({ ...p, surveyId: randomUUID() }));
  const all = [...planned.filter((p) => p.surveyId), ...fresh] as Array<Planned & { surveyId: string }>;
  if (all.length === 0) return;
  const ws = scope.workspaceId;
  const col = <T>(f: (p: Planned & { surveyId: string }) => T) => all.map(f);
  const freshCol = <T>(f: (p: Planned & { surveyId: string }) => T) => fresh.map(f);
  if (fresh.length > 0) {
    await sql`
      insert into surveys (id, workspace_id, case_id, customer_id, kind, scale, channel, status,
                           agent_id, team_id, send_at, sent_at, created_at)
      select s.id, ${ws}::uuid, s.case_id, s.customer_id, 'csat', ${IMPORTED_SCALE}, s.channel, 'responded',
             s.agent_id, s.team_id, s.offered_at, s.offered_at, s.offered_at
        from unnest(${freshCol((p) => p.surveyId)}::uuid[], ${freshCol((p) => p.caseId)}::uuid[],
                    ${freshCol((p) => p.customerId)}::uuid[], ${freshCol((p) => p.channel)}::text[],
                    ${freshCol((p) => p.agentId)}::uuid[], ${freshCol((p) => p.teamId)}::uuid[],
                    ${freshCol((p) => p.offeredAt.toISOString())}::timestamptz[])
             as s(id, case_id, customer_id, channel, agent_id, team_id, offered_at)`.execute(scope.db);
  }
  // The answer, upserted; what changed (a delta: the customer re-rated) gets a timeline line.
  await sql`
    with input as (
      select * from unnest(${col((p) => p.surveyId)}::uuid[], ${col((p) => p.caseId)}::uuid[],
                           ${col((p) => p.customerId)}::uuid[], ${col((p) => p.agentId)}::uuid[],
                           ${col((p) => p.teamId)}::uuid[], ${col((p) => p.rating)}::int2[],
                           ${col((p) => p.sentiment)}::text[], ${col((p) => p.comment)}::text[],
                           ${col((p) => p.reason)}::text[], ${col((p) => p.answeredAt.toISOString())}::timestamptz[])
        as i(survey_id, case_id, customer_id, agent_id, team_id, rating, sentiment, comment, reason, at)
    ),
    before as (
      select r.survey_id, r.rating, r.comment, r.reason from survey_responses r
       where r.workspace_id = ${ws}::uuid and r.survey_id in (select survey_id from input)
    ),
    upsert as (
      insert into survey_responses (survey_id, workspace_id, case_id, customer_id, agent_id, team_id, kind,
                                    rating, sentiment, comment, reason, responded_at, updated_at)
      select i.survey_id, ${ws}::uuid, i.case_id, i.customer_id, i.agent_id, i.team_id, 'csat',
             i.rating, i.sentiment, i.comment, i.reason, i.at, i.at
        from input i
      on conflict (survey_id, workspace_id) do update
        set rating = excluded.rating, sentiment = excluded.sentiment, comment = excluded.comment,
            reason = excluded.reason, responded_at = excluded.responded_at, updated_at = excluded.updated_at
      returning survey_id
    )
    insert into timeline_events (workspace_id, customer_id, case_id, kind, data, occurred_at)
    select ${ws}::uuid, i.customer_id, i.case_id, 'survey.responded',
           jsonb_build_object('surveyId', i.survey_id, 'kind', 'csat', 'rating', i.rating,
                              'sentiment', i.sentiment, 'reason', i.reason),
           i.at
      from input i
      join upsert u on u.survey_id = i.survey_id
      left join before b on b.survey_id = i.survey_id
     where b.survey_id is null
        or (b.rating, b.comment, b.reason) is distinct from (i.rating, i.comment, i.reason)`.execute(
    scope.db,
  );
  await rememberIds(
    scope,
    source,
    "rating",
    fresh.map((p) => ({ externalId: p.ext, localId: p.surveyId })),
  );
}

export const ratingsWriter: ResourceWriter<"satisfaction_ratings"> = {
  resource: "satisfaction_ratings",
  async assess(scope, source, page: Page<"satisfaction_ratings">): Promise<WriteOutcome> {
    const { planned, skips, assumed } = await plan(scope, source, page.records, true);
    const updated = planned.filter((p) => p.surveyId).length;
    return { created: planned.length - updated + assumed, updated, skips };
  },
  async write(ctx, page) {
    const { planned, skips } = await plan(ctx.scope, ctx.source, page.records);
    await write(ctx.scope, ctx.source, planned);
    const updated = planned.filter((p) => p.surveyId).length;
    return { created: planned.length - updated, updated, skips };
  },
};
