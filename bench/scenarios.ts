import type pg from "pg";
import { phoneFor } from "./generate.ts";
import { SEARCH_INPUTS } from "./names.ts";

/**
 * What agents wait for, as HTTP requests and, beside each read, the same work as plain SQL
 * (the physical reference). Paths are drawn at random per request from realistic inputs.
 */
export type Fixtures = {
  workspaceId: string;
  customers: number;
  agentIds: string[];
  teamIds: string[];
  caseIds: string[];
  /** Unsolved cases, for replies (a closed case refuses them). */
  openCaseIds: string[];
  customerIds: string[];
  deepCursor: string | null;
};

export type Scenario = {
  name: string;
  method: "GET" | "POST";
  path: () => string;
  body?: () => string;
  /** SQL statements (with params) doing the same reads, run one after another on one connection. */
  sql?: () => Array<[string, unknown[]]>;
};

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;

const OPEN = "('new','open','pending','on_hold')";
const iso = (c: string) => `to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const caseJson = (where: string, limit: number) => `(select json_agg(x) from (
  select c.id, c.number::text as number, c.subject, c.status, c.priority, c.channel, c.tags,
         c.customer_id, o.name, o.organization, c.assignee_id, au.name as assignee, c.team_id, t.name as team,
         ${iso("c.created_at")}, ${iso("c.updated_at")}, ${iso("c.last_activity_at")}, ${iso("c.waiting_since")}
    from cases c
    left join memberships am on am.id = c.assignee_id left join auth."user" au on au.id = am.user_id
    left join teams t on t.id = c.team_id
   where c.workspace_id = $1 and c.customer_id = o.id and ${where}
   order by c.last_activity_at desc, c.id desc limit ${limit}) x)`;
/**
 * The customer context as the API builds it since migration 0009: one statement with JSON
 * aggregation (server/src/modules/customers/context.service.ts). `owner` is `$2::uuid` or the
 * identity lookup.
 */
const contextStatement = (owner: string) => `
  with owner as materialized (select ${owner} as id),
  o as materialized (select owner.id, cu.id as live, cu.name, cu.organization from owner
    left join customers cu on cu.workspace_id = $1 and cu.id = owner.id and cu.merged_into is null)
  select o.id,
    case when o.live is not null then json_build_object('id', o.live, 'name', o.name, 'organization', o.organization) end,
    (select json_agg(i) from (select id, kind, value, display, undeliverable from customer_identities
        where workspace_id = $1 and customer_id = o.id
        order by array_position(array['email', 'phone', 'account'], kind), created_at, id) i),
    (select json_object_agg(key, value order by key) from facts
      where workspace_id = $1 and customer_id = o.id and superseded_at is null),
    (select json_agg(d) from (select id, customer_id, model, serial, firmware, ${iso("created_at")}
        from devices where workspace_id = $1 and customer_id = o.id order by created_at) d),
    ${caseJson(`c.status in ${OPEN}`, 50)},
    ${caseJson("c.status in ('solved','closed')", 10)},
    (select json_agg(e) from (select te.id::text, te.kind, ${iso("te.occurred_at")}, te.customer_id, te.case_id,
        c.number::text, te.actor_user_id, te.actor_name, te.data
        from timeline_events te left join cases c on c.id = te.case_id
       where te.workspace_id = $1 and te.customer_id = o.id order by te.id desc limit 50) e)
  from o`;
const contextSql = (ws: string, customer: string): Array<[string, unknown[]]> => [
  [contextStatement("$2::uuid"), [ws, customer]],
];

export function scenarios(f: Fixtures): Scenario[] {
  const ws = f.workspaceId;
  const inbox = (where: string, params: unknown[]): Array<[string, unknown[]]> => [
    [
      `select c.*, cu.name from cases c join customers cu on cu.id = c.customer_id where c.workspace_id = $1 and c.status in ${OPEN} ${where} order by c.last_activity_at desc, c.id desc limit 51`,
      [ws, ...params],
    ],
  ];
  return [
    {
      name: "lookup",
      method: "GET",
      path: () => {
        const i = Math.floor(Math.random() * f.customers);
        return `/api/v1/lookup?phone=${encodeURIComponent(phoneFor(i, Math.floor(Math.random() * 4)).display)}`;
      },
      sql: () => {
        const i = Math.floor(Math.random() * f.customers);
        return [
          [
            contextStatement(
              "(select customer_id from customer_identities where workspace_id = $1 and kind = 'phone' and value = $2)",
            ),
            [ws, phoneFor(i, 0).e164],
          ],
        ];
      },
    },
    {
      name: "inbox-mine",
      method: "GET",
      path: () => "/api/v1/cases?assignee=me&limit=50",
      sql: () => inbox("and c.assignee_id = $2", [f.agentIds[0]]),
    },
    {
      name: "inbox-unassigned",
      method: "GET",
      path: () => "/api/v1/cases?assignee=none&limit=50",
      sql: () => inbox("and c.assignee_id is null", []),
    },
    {
      name: "inbox-team",
      method: "GET",
      path: () => `/api/v1/cases?team=${pick(f.teamIds)}&limit=50`,
      sql: () => inbox("and c.team_id = $2", [pick(f.teamIds)]),
    },
    {
      name: "inbox-deep",
      method: "GET",
      path: () => `/api/v1/cases?limit=50${f.deepCursor ? `&cursor=${f.deepCursor}` : ""}`,
      sql: () => {
        const [at, id] = f.deepCursor
          ? (JSON.parse(Buffer.from(f.deepCursor, "base64url").toString("utf8")) as [string, string])
          : [new Date().toISOString(), "ffffffff-ffff-ffff-ffff-ffffffffffff"];
        return inbox("and (c.last_activity_at, c.id) < ($2::timestamptz, $3::uuid)", [at, id]);
      },
    },
    {
      name: "case-page",
      method: "GET",
      path: () => `/api/v1/cases/${pick(f.caseIds)}/messages?limit=50`,
      sql: () => {
        const id = pick(f.caseIds);
        return [
          ["select * from cases where workspace_id = $1 and id = $2", [ws, id]],
          [
            "select * from messages where workspace_id = $1 and case_id = $2 order by created_at, id limit 51",
            [ws, id],
          ],
        ];
      },
    },
    {
      name: "customer-panel",
      method: "GET",
      path: () => `/api/v1/customers/${pick(f.customerIds)}/context`,
      sql: () => contextSql(ws, pick(f.customerIds)),
    },
    {
      name: "search",
      method: "GET",
      path: () => `/api/v1/search?q=${encodeURIComponent(pick(SEARCH_INPUTS))}`,
    },
    {
      name: "case-create",
      method: "POST",
      path: () => "/api/v1/cases",
      body: () =>
        JSON.stringify({
          customerId: pick(f.customerIds),
          subject: "Bench case",
          message: "The speaker is silent.",
        }),
    },
    {
      name: "reply",
      method: "POST",
      path: () => `/api/v1/cases/${pick(f.openCaseIds)}/messages`,
      body: () => JSON.stringify({ body: "Thanks, please restart the speaker.", kind: "note" }),
    },
  ];
}

/** Runs a scenario's SQL at the given concurrency for `seconds`, returning per-iteration latencies (ms). */
export async function measureSql(
  pool: pg.Pool,
  scenario: Scenario,
  seconds: number,
  concurrency: number,
): Promise<number[]> {
  const make = scenario.sql;
  if (!make) return [];
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < until) {
          const start = performance.now();
          for (const [text, params] of make()) await client.query(text, params);
          latencies.push(performance.now() - start);
        }
      } finally {
        client.release();
      }
    }),
  );
  return latencies;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
