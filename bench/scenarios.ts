import type pg from "pg";
import { phoneFor } from "./generate.ts";

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
const contextSql = (ws: string, customer: string): Array<[string, unknown[]]> => [
  ["select id, name, organization from customers where workspace_id = $1 and id = $2", [ws, customer]],
  [
    "select kind, value, display from customer_identities where workspace_id = $1 and customer_id = $2",
    [ws, customer],
  ],
  [
    "select key, value from facts where workspace_id = $1 and customer_id = $2 and superseded_at is null",
    [ws, customer],
  ],
  ["select * from devices where workspace_id = $1 and customer_id = $2", [ws, customer]],
  [
    `select * from cases where workspace_id = $1 and customer_id = $2 and status in ${OPEN} order by last_activity_at desc, id desc limit 51`,
    [ws, customer],
  ],
  [
    `select * from cases where workspace_id = $1 and customer_id = $2 and status in ('solved','closed') order by last_activity_at desc, id desc limit 11`,
    [ws, customer],
  ],
  [
    "select t.*, c.number from timeline_events t left join cases c on c.id = t.case_id where t.workspace_id = $1 and t.customer_id = $2 order by t.id desc limit 51",
    [ws, customer],
  ],
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
            "select customer_id from customer_identities where workspace_id = $1 and kind = 'phone' and value = $2",
            [ws, phoneFor(i, 0).e164],
          ],
          ...contextSql(ws, pick(f.customerIds)),
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
      path: () =>
        `/api/v1/search?q=${encodeURIComponent(pick(["Customer 123", "customer77@mail", "415", "firmware reset", "ACC1000042"]))}`,
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
