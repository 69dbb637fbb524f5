import { sql } from "kysely";
import type { SurveyReason } from "../../../../contracts/surveys.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { recordAnswer } from "../surveys/respond.service.ts";

type Ctx = Pick<AppContext, "db" | "boss">;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// A plausible spread: most customers happy, some lukewarm, a few not (with their reasons).
const RATINGS = [5, 1, 4, 5, 3, 5, 4, 2, 5, 4, 5, 5, 4, 5, 3, 5, 4, 5, 2, 4];
const REASONS: SurveyReason[] = ["speed", "product", "agent", "policy", "speed", "other"];
const COMMENTS: Record<number, string> = {
  5: "Quick and friendly, thank you!",
  2: "It took several emails before anyone understood the problem.",
  1: "Still not working after a week.",
};

/**
 * Six months of CSAT answers on the demo's solved cases (the history part wrote the cases
 * first). Each answer goes through the surveys service, as from the rating page, so the
 * sentiment, timeline and follow-ups are the real ones; then it is dated a day or so after its
 * case was solved. About one case in three gets no answer (as in life), and follow-ups older
 * than two weeks are marked done. Runs again harmlessly: a workspace with answers is left alone.
 */
export async function loadSurveysDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  if (await scope.selectFrom("survey_responses").select("survey_id").executeTakeFirst()) return;
  const solved = await scope
    .selectFrom("cases")
    .select(["id", "customer_id", "assignee_id", "team_id", "updated_at"])
    .where("status", "in", ["solved", "closed"])
    .where("merged_into_case_id", "is", null)
    .where("updated_at", ">", new Date(Date.now() - 183 * DAY))
    .orderBy("updated_at")
    .limit(1500)
    .execute();
  const now = Date.now();
  let n = 0;
  for (const c of solved) {
    n++;
    const sentAt = new Date(Math.min(c.updated_at.getTime() + DAY, now - HOUR));
    const answered = n % 3 !== 0;
    const rating = RATINGS[(n - 1) % RATINGS.length] ?? 5;
    await inTransaction(ctx.db, async (tx) => {
      const s = new TenantScope(tx, workspaceId);
      // The solve planned it (migration 0047's trigger) unless the history wrote the case solved.
      await s
        .deleteFrom("surveys")
        .where("case_id", "=", c.id)
        .where("status", "in", ["scheduled", "skipped"])
        .execute();
      const expired = now - sentAt.getTime() > 28 * DAY;
      const survey = await s
        .insertInto("surveys", {
          case_id: c.id,
          customer_id: c.customer_id,
          kind: "csat",
          scale: "five",
          channel: "email",
          status: answered ? "responded" : expired ? "expired" : "sent",
          skip_reason: null,
          agent_id: c.assignee_id,
          team_id: c.team_id,
          send_at: sentAt,
          sent_at: sentAt,
          expires_at: new Date(sentAt.getTime() + 28 * DAY),
        })
        .returning(["id", "case_id", "customer_id", "kind", "scale", "agent_id", "team_id"])
        .executeTakeFirstOrThrow();
      if (!answered) return;
      const reason = rating <= 2 ? REASONS[n % REASONS.length] : undefined;
      await recordAnswer(ctx, s, survey, {
        rating,
        ...(COMMENTS[rating] && n % 2 === 0 && { comment: COMMENTS[rating] }),
        ...(reason && { reason }),
      });
      const at = new Date(Math.min(sentAt.getTime() + ((n * 7) % 30) * HOUR + HOUR, now - HOUR));
      await s
        .updateTable("survey_responses")
        .set({ responded_at: at, updated_at: at })
        .where("survey_id", "=", survey.id)
        .execute();
      await s
        .updateTable("timeline_events")
        .set({ occurred_at: at })
        .where("case_id", "=", c.id)
        .where("kind", "=", "survey.responded")
        .execute();
      const old = now - at.getTime() > 14 * DAY;
      await s
        .updateTable("survey_follow_ups")
        .set({
          created_at: at,
          ...(old && { status: "done", done_at: new Date(at.getTime() + DAY), note: "Called the customer." }),
        })
        .where("survey_id", "=", survey.id)
        .execute();
      if (old)
        await sql`update staff_notifications set read_at = now()
                   where workspace_id = ${workspaceId} and kind = 'survey.negative' and case_id = ${c.id}`.execute(
          tx,
        );
    });
  }
}
