import assert from "node:assert/strict";
import type { TestClient } from "../../../../test/client.ts";
import type { TestServer } from "../../../../test/harness.ts";

/**
 * Test data for the ladder. Customers, cases and messages are made through the API; the
 * assessment row is then written the way the assessment pipeline and an agent's verdict
 * (`POST /api/v1/messages/{id}/abuse`, helper B's part) write it: outcome 'abusive' and,
 * when confirmed, verdict 'abusive' with verdict_at.
 */
export async function newCustomer(admin: TestClient, name: string, email?: string): Promise<string> {
  const res = await admin.post("/api/v1/customers", { name, ...(email ? { emails: [email] } : {}) });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

export async function openCase(
  admin: TestClient,
  customerId: string,
  subject: string,
  message: string,
  extra = {},
) {
  const res = await admin.post("/api/v1/cases", { customerId, subject, message, channel: "email", ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number; assigneeId: string | null };
}

/** The customer's first message on the case: the text the assessment is of. */
export async function firstMessageId(server: TestServer, caseId: string): Promise<string> {
  const { rows } = await server.runtime.ctx.pool.query(
    "select id from messages where case_id = $1 and kind = 'customer' order by created_at limit 1",
    [caseId],
  );
  return rows[0].id;
}

/**
 * An assessed message of the customer: 'abusive' by default; `confirmedAt` adds a person's
 * verdict at that time (a confirmed flag, which is what the score counts); `cleared` a verdict
 * that it was not abuse. Returns the assessment id (evidence for a step).
 */
export async function flag(
  server: TestServer,
  opts: {
    workspaceId: string;
    customerId: string;
    caseId: string;
    messageId: string;
    confirmedAt?: Date;
    cleared?: boolean;
    outcome?: "abusive" | "frustrated" | "neutral";
  },
): Promise<string> {
  const verdict = opts.cleared ? "not_abusive" : opts.confirmedAt ? "abusive" : null;
  const { rows } = await server.runtime.ctx.pool.query(
    `insert into text_assessments (workspace_id, source, source_id, customer_id, case_id, outcome, signals, model,
                                   verdict, verdict_at)
     values ($1, 'message', $2, $3, $4, $5, $6, 'testkit', $7, $8)
     on conflict (workspace_id, source, source_id) do update set outcome = excluded.outcome, verdict = excluded.verdict,
       verdict_at = excluded.verdict_at
     returning id::text`,
    [
      opts.workspaceId,
      opts.messageId,
      opts.customerId,
      opts.caseId,
      opts.outcome ?? "abusive",
      JSON.stringify([{ kind: "insult", detail: "second-person insult", text: "idiot" }]),
      verdict,
      verdict ? (opts.confirmedAt ?? new Date()) : null,
    ],
  );
  return rows[0].id;
}

/** A customer with `n` confirmed abusive messages (one case each), confirmed at `at`. */
export async function abusiveCustomer(
  server: TestServer,
  admin: TestClient,
  workspaceId: string,
  name: string,
  n: number,
  at: Date = new Date(),
  email?: string,
) {
  const customerId = await newCustomer(admin, name, email);
  const evidence: string[] = [];
  const cases: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await openCase(admin, customerId, `Order ${i + 1}`, `You are a useless idiot, number ${i + 1}`);
    cases.push(c.id);
    const messageId = await firstMessageId(server, c.id);
    evidence.push(await flag(server, { workspaceId, customerId, caseId: c.id, messageId, confirmedAt: at }));
  }
  return { customerId, evidence, cases };
}
