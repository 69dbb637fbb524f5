import type pg from "pg";
import { OUTAGE_WORD, phoneFor } from "./generate.ts";
import { SEARCH_INPUTS } from "./names.ts";
import type { References } from "./reference.ts";

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

/**
 * `refs` holds, per read scenario, the statements the API runs for it (captured from the
 * app's own code, see reference.ts); the SQL reference replays a random variant.
 */
export function scenarios(f: Fixtures, refs: References): Scenario[] {
  const replay = (name: string) => () => pick(refs[name] ?? [[]]);
  return [
    {
      name: "lookup",
      method: "GET",
      path: () => {
        const i = Math.floor(Math.random() * f.customers);
        return `/api/v1/lookup?phone=${encodeURIComponent(phoneFor(i, Math.floor(Math.random() * 4)).display)}`;
      },
      sql: replay("lookup"),
    },
    {
      name: "inbox-mine",
      method: "GET",
      path: () => "/api/v1/cases?assignee=me&limit=50",
      sql: replay("inbox-mine"),
    },
    {
      name: "inbox-unassigned",
      method: "GET",
      path: () => "/api/v1/cases?assignee=none&limit=50",
      sql: replay("inbox-unassigned"),
    },
    {
      name: "inbox-team",
      method: "GET",
      path: () => `/api/v1/cases?team=${pick(f.teamIds)}&limit=50`,
      sql: replay("inbox-team"),
    },
    {
      name: "inbox-deep",
      method: "GET",
      path: () => `/api/v1/cases?limit=50${f.deepCursor ? `&cursor=${f.deepCursor}` : ""}`,
      sql: replay("inbox-deep"),
    },
    {
      name: "case-page",
      method: "GET",
      path: () => `/api/v1/cases/${pick(f.caseIds)}/messages?limit=50`,
      sql: replay("case-page"),
    },
    {
      name: "customer-panel",
      method: "GET",
      path: () => `/api/v1/customers/${pick(f.customerIds)}/context`,
      sql: replay("customer-panel"),
    },
    {
      name: "search",
      method: "GET",
      path: () => `/api/v1/search?q=${encodeURIComponent(pick(SEARCH_INPUTS))}`,
    },
    {
      // A word common only in the newest cases, at the end of the table (bench/generate.ts).
      name: "search-outage",
      method: "GET",
      path: () => `/api/v1/search?q=${OUTAGE_WORD}`,
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
