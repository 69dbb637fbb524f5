import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";

/**
 * The rollups as deltas: a case's contribution to report_daily (and one per tag to
 * report_daily_tags), for each clock. When a case's metrics change, its old contribution is
 * subtracted and the new one added in the same transaction, so the rollups stay exact
 * without ever re-reading the cases.
 */

/** The columns of a case_metrics row the rollups need (numbers may arrive as strings). */
export type MetricsRow = {
  workspace_id: string;
  team_id: string | null;
  agent_id: string | null;
  channel: string;
  tags: string[];
  business_day: string;
  customer_day: string;
  first_reply_business: number | string | null;
  first_reply_wall: number | string | null;
  next_reply_count: number;
  next_reply_business: number | string;
  next_reply_wall: number | string;
  resolved_at: Date | null;
  resolution_business: number | string | null;
  resolution_wall: number | string | null;
  reopen_count: number;
  one_touch: boolean;
  repeat_contact: boolean;
  csat_rating: number | null;
  csat_positive: boolean | null;
  ces_rating: number | null;
  ces_positive: boolean | null;
};

export const SUM_COLUMNS = [
  "created",
  "first_reply_count",
  "first_reply_sum",
  "next_reply_count",
  "next_reply_sum",
  "resolved",
  "solved_once",
  "resolution_sum",
  "reopened",
  "one_touch",
  "repeat_contacts",
  "csat_count",
  "csat_positive",
  "csat_sum",
  "ces_count",
  "ces_positive",
  "ces_sum",
] as const;
type Sums = Record<(typeof SUM_COLUMNS)[number], number>;
type Key = {
  workspace_id: string;
  clock: "business" | "customer";
  day: string;
  team_id: string | null;
  agent_id: string | null;
  channel: string;
  tag: string | null;
};

/** The channel of the rollups' "all" rows; never a real channel. */
export const ALL = "";

const num = (v: number | string | null) => (v === null ? 0 : Number(v));

function sums(r: MetricsRow, clock: "business" | "customer"): Sums {
  const b = clock === "business";
  return {
    created: 1,
    first_reply_count: r.first_reply_wall === null ? 0 : 1,
    first_reply_sum: num(b ? r.first_reply_business : r.first_reply_wall),
    next_reply_count: r.next_reply_count,
    next_reply_sum: num(b ? r.next_reply_business : r.next_reply_wall),
    resolved: r.resolved_at ? 1 : 0,
    solved_once: r.resolved_at || r.reopen_count > 0 ? 1 : 0,
    resolution_sum: num(b ? r.resolution_business : r.resolution_wall),
    reopened: r.reopen_count > 0 ? 1 : 0,
    one_touch: r.one_touch ? 1 : 0,
    repeat_contacts: r.repeat_contact ? 1 : 0,
    csat_count: r.csat_rating === null ? 0 : 1,
    csat_positive: r.csat_positive ? 1 : 0,
    csat_sum: r.csat_rating ?? 0,
    ces_count: r.ces_rating === null ? 0 : 1,
    ces_positive: r.ces_positive ? 1 : 0,
    ces_sum: r.ces_rating ?? 0,
  };
}

/** Accumulates signed contributions per rollup key. */
export class RollupDelta {
  private readonly rows = new Map<string, { key: Key; sums: Sums }>();

  add(r: MetricsRow, sign: 1 | -1) {
    for (const clock of ["business", "customer"] as const) {
      const day = clock === "business" ? r.business_day : r.customer_day;
      const s = sums(r, clock);
      const base = { workspace_id: r.workspace_id, clock, day, team_id: r.team_id, agent_id: r.agent_id };
      this.put({ ...base, channel: r.channel, tag: null }, s, sign);
      for (const tag of new Set(r.tags)) this.put({ ...base, channel: r.channel, tag }, s, sign);
      // The "all" rows (channel '', no team or agent): a report without a team, agent or
      // channel in it reads ~one row a day (a tag) instead of one per team × agent × channel.
      const all = { workspace_id: r.workspace_id, clock, day, team_id: null, agent_id: null, channel: ALL };
      this.put({ ...all, tag: null }, s, sign);
      for (const tag of new Set(r.tags)) this.put({ ...all, tag }, s, sign);
    }
  }

  private put(key: Key, s: Sums, sign: 1 | -1) {
    const id = JSON.stringify(key);
    const at = this.rows.get(id) ?? { key, sums: Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums };
    for (const c of SUM_COLUMNS) at.sums[c] += sign * s[c];
    this.rows.set(id, at);
  }

  /**
   * Applies the deltas in a fixed key order (so two refreshers never lock rollup rows in
   * opposite orders), skipping keys whose delta is all zero.
   */
  async apply(db: Executor) {
    const entries = [...this.rows.entries()]
      .filter(([, v]) => SUM_COLUMNS.some((c) => Math.abs(v.sums[c]) > 1e-9))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, { key, sums: s }] of entries) {
      const table = key.tag === null ? sql.table("report_daily") : sql.table("report_daily_tags");
      const cols = [
        "workspace_id",
        "clock",
        "day",
        "team_id",
        "agent_id",
        "channel",
        ...(key.tag === null ? [] : ["tag"]),
        ...SUM_COLUMNS,
      ];
      const values = [
        key.workspace_id,
        key.clock,
        key.day,
        key.team_id,
        key.agent_id,
        key.channel,
        ...(key.tag === null ? [] : [key.tag]),
        ...SUM_COLUMNS.map((c) => s[c]),
      ];
      const conflict =
        key.tag === null
          ? sql`(workspace_id, clock, day, team_id, agent_id, channel)`
          : sql`(workspace_id, clock, day, tag, team_id, agent_id, channel)`;
      await sql`
        insert into ${table} (${sql.join(cols.map((c) => sql.ref(c)))})
        values (${sql.join(values.map((v) => sql`${v}`))})
        on conflict ${conflict} do update set
        ${sql.join(SUM_COLUMNS.map((c) => sql`${sql.ref(c)} = ${table}.${sql.ref(c)} + excluded.${sql.ref(c)}`))}`.execute(
        db,
      );
    }
  }
}
