import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hashPassword } from "better-auth/crypto";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { newApiToken } from "../server/src/platform/auth/api-tokens.ts";
import { organizationName, personName } from "./names.ts";

/**
 * Loads a realistic workspace with COPY (never through the API): agents in teams, customers
 * with 1–3 identities in mixed human formats, facts, devices, cases skewed towards a few heavy
 * customers and recent activity, a few hot tags, and messages plus timeline events.
 */
export const SCALES = {
  small: { customers: 10_000, agents: 50, teams: 5 },
  tenth: { customers: 100_000, agents: 500, teams: 20 },
  full: { customers: 1_000_000, agents: 500, teams: 20 },
} as const;
export type Scale = keyof typeof SCALES;

export type Generated = {
  workspaceId: string;
  token: string;
  agentIds: string[];
  teamIds: string[];
  counts: Record<string, number>;
};

const HOT_TAGS = [
  "error-1013",
  "wifi",
  "billing",
  "firmware",
  "setup",
  "returns",
  "beam",
  "sub",
  "nethub",
  "vip",
];
const OPEN = ["new", "open", "pending", "on_hold"];
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers, so every run of a scale builds the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (v: unknown): string => {
  if (v === null || v === undefined) return "\\N";
  const s =
    typeof v === "string"
      ? v
      : v instanceof Date
        ? v.toISOString()
        : Array.isArray(v)
          ? `{${v.join(",")}}`
          : String(v);
  return s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
};

async function copy(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: () => Generator<unknown[]>,
) {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(", ")}) from stdin`));
  const source = Readable.from(
    (function* () {
      let batch = "";
      for (const row of rows()) {
        batch += `${row.map(esc).join("\t")}\n`;
        if (batch.length > 1 << 20) {
          yield batch;
          batch = "";
        }
      }
      if (batch) yield batch;
    })(),
  );
  await pipeline(source, stream);
}

/** "Maria.Garcia17@mail3.example": unique per customer, in the case the customer typed it. */
function emailFor(name: { first: string; last: string } | undefined, i: number): string {
  const [first, last] = [name?.first ?? "x", name?.last ?? "y"];
  const local = i % 2 === 0 ? `${first}.${last}${i}` : `${first[0]}.${last}${i}`;
  return `${local}@Mail${i % 50}.example`;
}

/** A US phone in one of the formats people actually type. */
export function phoneFor(i: number, style: number): { e164: string; display: string } {
  const n = String(2_000_000 + (i % 7_999_999)).padStart(7, "0");
  const area = 200 + (Math.floor(i / 7_999_999) % 700);
  const e164 = `+1${area}${n}`;
  const [a, b, c] = [String(area), n.slice(0, 3), n.slice(3)];
  const display = [`+1 (${a}) ${b}-${c}`, `${a}.${b}.${c}`, `1${a}${b}${c}`, `${a}-${b}-${c}`][
    style % 4
  ] as string;
  return { e164, display };
}

/** The tables COPY fills with millions of rows. */
const BULK_TABLES = [
  "customers",
  "customer_identities",
  "facts",
  "devices",
  "cases",
  "messages",
  "timeline_events",
];

/**
 * Drops the bulk tables' secondary indexes (those not backing a primary key or unique
 * constraint) and returns a function that builds them again. Building an index once over
 * the loaded rows is far cheaper than maintaining trigram and full-text GIN indexes row by
 * row during COPY (the full load took 13 min that way). Only for a fresh, empty database.
 */
async function dropSecondaryIndexes(client: pg.PoolClient, log: (m: string) => void) {
  const { rows } = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname = any($1) and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [BULK_TABLES],
  );
  for (const r of rows) await client.query(`drop index ${r.name}`);
  return async () => {
    const started = performance.now();
    await client.query("set maintenance_work_mem = '512MB'");
    for (const r of rows) await client.query(r.def);
    log(`${rows.length} indexes built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
}

/**
 * A word that became common only in the most recent cases, as an outage's word does. ANALYZE
 * then calls it common (6% of cases and messages), so the planner expects a sequential scan to
 * meet a few hundred matches early, but they all sit at the end of the table. The
 * `search-outage` scenario searches for it (the probe plan trap, migration 0013).
 */
export const OUTAGE_WORD = "brownout";

export async function generate(pool: pg.Pool, scale: Scale, log: (m: string) => void): Promise<Generated> {
  const size = SCALES[scale];
  const random = rng(42);
  const now = Date.now();
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  try {
    const ws = await client.query<{ id: string }>(
      "insert into workspaces (name) values ('Bench Audio & Networks') returning id",
    );
    const workspaceId = ws.rows[0]?.id as string;
    const buildIndexes = await dropSecondaryIndexes(client, log);
    await client.query(
      "insert into support_addresses (workspace_id, address) values ($1, 'support@bench.example') on conflict do nothing",
      [workspaceId],
    );

    // Agents (with one shared password hash: hashing 500 times would dominate a small load).
    const hash = await hashPassword("bench-password-1");
    const agentUsers = Array.from({ length: size.agents }, () => randomUUID());
    const agentIds = Array.from({ length: size.agents }, () => randomUUID());
    const stamp = new Date(now);
    await copy(
      client,
      `auth."user"`,
      ["id", "name", "email", '"emailVerified"', '"createdAt"', '"updatedAt"'],
      function* () {
        for (const [i, id] of agentUsers.entries())
          yield [id, `Agent ${i}`, `agent${i}@bench.example`, true, stamp, stamp];
      },
    );
    await copy(
      client,
      `auth.account`,
      ["id", '"accountId"', '"providerId"', '"userId"', "password", '"createdAt"', '"updatedAt"'],
      function* () {
        for (const id of agentUsers) yield [randomUUID(), id, "credential", id, hash, stamp, stamp];
      },
    );
    await copy(client, "memberships", ["id", "workspace_id", "user_id", "role"], function* () {
      for (const [i, id] of agentIds.entries())
        yield [id, workspaceId, agentUsers[i], i === 0 ? "admin" : "agent"];
    });
    const teamIds = Array.from({ length: size.teams }, () => randomUUID());
    await copy(client, "teams", ["id", "workspace_id", "name"], function* () {
      for (const [i, id] of teamIds.entries()) yield [id, workspaceId, `Team ${i}`];
    });
    await copy(client, "team_members", ["workspace_id", "team_id", "membership_id"], function* () {
      for (const [i, id] of agentIds.entries()) yield [workspaceId, teamIds[i % teamIds.length], id];
    });
    counts.agents = size.agents;

    // Customers and identities.
    const customerIds: string[] = Array.from({ length: size.customers }, () => randomUUID());
    const names: Array<{ first: string; last: string }> = new Array(size.customers);
    await copy(
      client,
      "customers",
      ["id", "workspace_id", "name", "organization", "created_at", "updated_at"],
      function* () {
        for (const [i, id] of customerIds.entries()) {
          const created = new Date(now - Math.floor(random() * 3 * 365 * DAY));
          const { first, last } = personName(random);
          names[i] = { first, last };
          yield [
            id,
            workspaceId,
            `${first} ${last}`,
            i % 9 === 0 ? organizationName(i % 5000) : null,
            created,
            created,
          ];
        }
      },
    );
    log(`customers: ${size.customers}`);
    counts.customers = size.customers;
    let identities = 0;
    await copy(
      client,
      "customer_identities",
      ["workspace_id", "customer_id", "kind", "value", "display"],
      function* () {
        for (const [i, id] of customerIds.entries()) {
          const k = 1 + (i % 3); // 1 to 3 identities
          const { e164, display } = phoneFor(i, i);
          yield [workspaceId, id, "phone", e164, display];
          identities++;
          if (k >= 2) {
            yield [workspaceId, id, "email", emailFor(names[i], i).toLowerCase(), emailFor(names[i], i)];
            identities++;
          }
          if (k >= 3) {
            yield [workspaceId, id, "account", `ACC${1_000_000 + i}`, `ACC ${1_000_000 + i}`];
            identities++;
          }
        }
      },
    );
    counts.identities = identities;

    const facts = Math.round(size.customers * 1.5);
    const factKeys = ["plan", "address", "timezone", "language", "preferred_channel"];
    await copy(
      client,
      "facts",
      ["workspace_id", "customer_id", "key", "value", "recorded_by_name", "source_channel"],
      function* () {
        for (let f = 0; f < facts; f++) {
          const customer = customerIds[f % size.customers];
          const key = factKeys[Math.floor(f / size.customers) % factKeys.length] as string;
          yield [workspaceId, customer, key, JSON.stringify(`${key} value ${f}`), "Agent 1", "phone"];
        }
      },
    );
    counts.facts = facts;
    const devices = Math.round(size.customers * 0.3);
    await copy(
      client,
      "devices",
      ["workspace_id", "customer_id", "model", "serial", "firmware"],
      function* () {
        for (let d = 0; d < devices; d++) {
          yield [
            workspaceId,
            customerIds[(d * 7) % size.customers],
            ["Soundwave One", "Beam", "Sub", "NetHub AX3000"][d % 4],
            `SN-${100_000_000 + d}`,
            `12.${d % 6}.${d % 10}`,
          ];
        }
      },
    );
    counts.devices = devices;

    // Cases: 2 per customer on average, a few heavy customers (cubed skew), recent activity skewed.
    const caseCount = size.customers * 2;
    const caseRows: Array<{ id: string; customer: string; at: Date; outage: boolean }> = [];
    await copy(
      client,
      "cases",
      [
        "id",
        "workspace_id",
        "number",
        "customer_id",
        "subject",
        "status",
        "priority",
        "channel",
        "assignee_id",
        "team_id",
        "tags",
        "last_activity_at",
        "waiting_since",
        "created_at",
        "updated_at",
      ],
      function* () {
        for (let n = 1; n <= caseCount; n++) {
          const customer = customerIds[Math.floor(size.customers * random() ** 3)] as string;
          // The last cases written are an outage: one word in 6% of all cases, all of them in
          // the last hour and at the end of the table (see OUTAGE_WORD).
          const outage = n > caseCount - Math.ceil((caseCount * 6) / 100);
          const age = outage ? random() * 3_600_000 : random() ** 2 * 365 * DAY;
          const lastActivity = new Date(now - age);
          const created = new Date(lastActivity.getTime() - Math.floor(random() * 10 * DAY));
          const status =
            random() < 0.15
              ? (OPEN[Math.floor(random() * 4)] as string)
              : random() < 0.5
                ? "solved"
                : "closed";
          const tag = HOT_TAGS[Math.floor(HOT_TAGS.length * random() ** 2)] as string;
          const id = randomUUID();
          caseRows.push({ id, customer, at: created, outage });
          yield [
            id,
            workspaceId,
            n,
            customer,
            outage
              ? `${OUTAGE_WORD} after the update #${n}`
              : `${tag === "error-1013" ? "Error 1013" : "Question"} about ${tag} #${n}`,
            status,
            ["low", "normal", "normal", "high", "urgent"][n % 5],
            ["email", "web", "phone", "chat"][n % 4],
            random() < 0.7 ? agentIds[Math.floor(random() * agentIds.length)] : null,
            random() < 0.8 ? teamIds[Math.floor(random() * teamIds.length)] : null,
            random() < 0.6 ? [tag] : [],
            lastActivity,
            OPEN.includes(status) && random() < 0.5 ? lastActivity : null,
            created,
            lastActivity,
          ];
        }
      },
    );
    await client.query("insert into case_numbers (workspace_id, last_number) values ($1, $2)", [
      workspaceId,
      caseCount,
    ]);
    // The workspace's case-number sequence (migration 0009) continues after the loaded cases.
    await client.query("select setval(case_number_sequence($1)::regclass, $2)", [workspaceId, caseCount]);
    log(`cases: ${caseCount}`);
    counts.cases = caseCount;

    // Messages (2 per case) and timeline events (3 per case): 10 M together at full scale.
    const words =
      "speaker update error network router firmware signal sound wifi reset cable volume app room".split(" ");
    await copy(
      client,
      "messages",
      ["workspace_id", "case_id", "kind", "author_name", "body", "channel", "created_at"],
      function* () {
        for (const [i, c] of caseRows.entries()) {
          for (let m = 0; m < 2; m++) {
            const body = Array.from({ length: 12 }, (_, w) => words[(i * 7 + w * 3 + m) % words.length]).join(
              " ",
            );
            yield [
              workspaceId,
              c.id,
              m === 0 ? "customer" : "reply",
              m === 0 ? "Customer" : "Agent",
              c.outage ? `${OUTAGE_WORD}: ${body} case ${i}` : `${body} case ${i}`,
              "email",
              new Date(c.at.getTime() + m * 3_600_000),
            ];
          }
        }
      },
    );
    counts.messages = caseRows.length * 2;
    await copy(
      client,
      "timeline_events",
      ["workspace_id", "customer_id", "case_id", "kind", "actor_name", "data", "occurred_at"],
      function* () {
        for (const c of caseRows) {
          yield [
            workspaceId,
            c.customer,
            c.id,
            "case.created",
            "Customer",
            '{"subject":"…","channel":"email"}',
            c.at,
          ];
          yield [
            workspaceId,
            c.customer,
            c.id,
            "message.added",
            "Customer",
            '{"kind":"customer","excerpt":"…"}',
            c.at,
          ];
          yield [
            workspaceId,
            c.customer,
            c.id,
            "message.added",
            "Agent",
            '{"kind":"reply","excerpt":"…"}',
            new Date(c.at.getTime() + 3_600_000),
          ];
        }
      },
    );
    counts.timeline_events = caseRows.length * 3;
    log(`messages and timeline events: ${counts.messages + counts.timeline_events}`);

    const { token, hash: tokenHash, displayPrefix } = newApiToken();
    await client.query(
      "insert into api_tokens (workspace_id, user_id, name, token_hash, token_prefix) values ($1, $2, 'bench', $3, $4)",
      [workspaceId, agentUsers[0], tokenHash, displayPrefix],
    );
    await buildIndexes();
    // VACUUM as well as ANALYZE: rows freshly COPY'd have no hint bits or visibility map, so
    // autovacuum would otherwise start on the biggest tables minutes into the measurements
    // (the first full run after a load measured its read scenarios beside it), and index-only
    // scans would still visit the heap.
    await client.query("vacuum (analyze)");
    return { workspaceId, token, agentIds, teamIds, counts };
  } finally {
    client.release();
  }
}
