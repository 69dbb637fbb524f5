import { sql } from "kysely";
import {
  type AcademyReport,
  FOLLOW_MONTHS,
  MAX_RANGE_DAYS,
  MIN_SAMPLE,
  type ReportQuery,
  type TrainedReport,
} from "../../../../../contracts/academy-report.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { courseCompletion, dropOff, failedQuestions, type Range, totals } from "./activity.repo.ts";
import { trainedFigures } from "./cohorts.repo.ts";
import { comparison, meansInterval, poissonRateSe, proportionsInterval } from "./compare.ts";

type Ctx = Pick<AppContext, "db">;
const DAY = 86_400_000;
/** A report on a very large workspace gives up rather than hold a connection for minutes. */
const STATEMENT_TIMEOUT = "30s";

/** from/to are whole UTC days, to inclusive; to before from, or more than 2 years, is refused. */
export function rangeOf(q: ReportQuery): Range {
  const start = new Date(`${q.from}T00:00:00Z`);
  const end = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY);
  if (end <= start) throw new AppError("validation_failed", "to must not be before from", "to");
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY)
    throw new AppError("validation_failed", "The range is limited to 2 years", "to");
  return { start, end };
}

const share = (x: number, n: number) => (n === 0 ? null : Math.round((x / n) * 10000) / 10000);
const sampled = (x: number | null, n: number) => ({ n, value: n >= MIN_SAMPLE ? x : null });

export async function trainedAgainstUntrained(
  scope: TenantScope,
  r: Range,
  now: Date,
): Promise<TrainedReport> {
  const { sizes, curves: curveRows, groups } = await trainedFigures(scope, r, FOLLOW_MONTHS, now);
  const g = (trained: boolean) =>
    groups.find((x) => x.trained === trained) ?? {
      n: 0,
      mean_rate: null,
      var_rate: null,
      repeaters: 0,
      with_lifecycle: 0,
      retained: 0,
    };
  const t = g(true);
  const u = g(false);
  const offsets = [...new Set(curveRows.map((c) => c.k))].sort((a, b) => a - b);
  // Cases and customer-months per group, for the Poisson floor of the contact rate's interval.
  const pooled = (trained: boolean) =>
    curveRows
      .filter((c) => c.trained === trained)
      .reduce((acc, c) => ({ cases: acc.cases + c.cases, months: acc.months + c.n }), {
        cases: 0,
        months: 0,
      });
  const pt = pooled(true);
  const pu = pooled(false);
  const point = (k: number, trained: boolean) => curveRows.find((c) => c.k === k && c.trained === trained);
  return {
    followMonths: FOLLOW_MONTHS,
    cohorts: sizes,
    comparisons: [
      comparison(
        "contactRate",
        { n: t.n, value: t.mean_rate === null ? null : round(t.mean_rate) },
        { n: u.n, value: u.mean_rate === null ? null : round(u.mean_rate) },
        () =>
          meansInterval(
            t.mean_rate ?? 0,
            t.var_rate ?? 0,
            t.n,
            u.mean_rate ?? 0,
            u.var_rate ?? 0,
            u.n,
            poissonRateSe(pt.cases, pt.months, pu.cases, pu.months),
          ),
      ),
      comparison(
        "repeatContacts",
        { n: t.n, value: share(t.repeaters, t.n) },
        { n: u.n, value: share(u.repeaters, u.n) },
        () => proportionsInterval(t.repeaters, t.n, u.repeaters, u.n),
      ),
      comparison(
        "retention",
        { n: t.with_lifecycle, value: share(t.retained, t.with_lifecycle) },
        { n: u.with_lifecycle, value: share(u.retained, u.with_lifecycle) },
        () => proportionsInterval(t.retained, t.with_lifecycle, u.retained, u.with_lifecycle),
      ),
    ],
    contactCurve: offsets.map((k) => {
      const a = point(k, true);
      const b = point(k, false);
      return {
        offset: k,
        trained: sampled(a ? share(a.cases, a.n) : null, a?.n ?? 0),
        untrained: sampled(b ? share(b.cases, b.n) : null, b?.n ?? 0),
      };
    }),
    retentionCurve: offsets.map((k) => {
      const a = point(k, true);
      const b = point(k, false);
      return {
        offset: k,
        trained: sampled(a ? share(a.retained, a.with_lifecycle) : null, a?.with_lifecycle ?? 0),
        untrained: sampled(b ? share(b.retained, b.with_lifecycle) : null, b?.with_lifecycle ?? 0),
      };
    }),
  };
}

const round = (v: number) => Math.round(v * 10000) / 10000;

/**
 * The academy report for staff. Counts are facts about the range and are given as they are;
 * the completion rate is exact for those enrolled (with `tooFew` under MIN_SAMPLE, since it says
 * little about the next learners); the trained comparison hides what its sample cannot support.
 */
export async function academyReport(
  ctx: Ctx,
  actor: Actor,
  q: ReportQuery,
  now = new Date(),
): Promise<AcademyReport> {
  const r = rangeOf(q);
  return ctx.db.transaction().execute(async (tx) => {
    await sql`set transaction read only`.execute(tx);
    await sql`set local statement_timeout = ${sql.lit(STATEMENT_TIMEOUT)}`.execute(tx);
    const scope = new TenantScope(tx, actor.workspaceId);
    const sums = await totals(scope, r);
    const courses = await courseCompletion(scope, r);
    const drop = await dropOff(
      scope,
      r,
      courses.filter((c) => c.enrollments > 0).map((c) => c.course_id),
    );
    const failed = await failedQuestions(scope, r);
    const trained = await trainedAgainstUntrained(scope, r, now);
    return {
      from: q.from,
      to: q.to,
      minSample: MIN_SAMPLE,
      totals: {
        registrations: sums.registrations,
        attended: sums.attended,
        enrollments: sums.enrollments,
        completions: sums.completions,
        certificatesIssued: sums.certificates,
      },
      courses: courses.map((c) => ({
        courseId: c.course_id,
        title: c.title,
        enrollments: c.enrollments,
        completed: c.completed,
        completionRate: share(c.completed, c.enrollments),
        tooFew: c.enrollments < MIN_SAMPLE,
      })),
      dropOff: courses
        .filter((c) => c.enrollments > 0)
        .map((c) => ({
          courseId: c.course_id,
          title: c.title,
          notStarted: drop.notStarted.find((n) => n.course_id === c.course_id)?.n ?? 0,
          lessons: drop.lessons
            .filter((l) => l.course_id === c.course_id)
            .map((l) => ({
              lessonId: l.lesson_id,
              title: l.title,
              order: l.ord,
              reached: l.reached,
              stoppedHere: l.stopped,
            })),
        })),
      failedQuestions: failed.map((f) => ({
        questionId: f.question_id,
        prompt: f.prompt,
        lessonTitle: f.lesson_title,
        courseTitle: f.course_title,
        answers: f.answers,
        wrong: f.wrong,
        wrongShare: share(f.wrong, f.answers) ?? 0,
      })),
      trained,
    };
  });
}
