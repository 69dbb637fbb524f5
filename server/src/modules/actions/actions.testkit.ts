import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { type Fulfilment, startFulfilment } from "./fulfilment.fixture.ts";

/**
 * What the actions tests share: a server allowed to call loopback (WEBHOOK_ALLOW_PRIVATE), the
 * fake fulfilment system, staff of each role, a customer with an address on file and a case.
 */
export type ActionsWorld = {
  server: TestServer;
  fulfilment: Fulfilment;
  admin: TestClient;
  agent: TestClient;
  agentEmail: string;
  engineer: TestClient;
  customer: TestClient;
  customerId: string;
  caseId: string;
  close(): Promise<void>;
};

export const SHIP_FIELDS = [
  { key: "address", label: "Ship to", type: "textarea", default: "{{fact.address}}", required: true },
  {
    key: "model",
    type: "select",
    options: ["NetHub 200", "NetHub 300"],
    default: "NetHub 300",
    required: true,
  },
  { key: "express", type: "boolean", default: false },
  { key: "note", type: "text", default: "For {{customer.first_name}} ({{fact.plan}})" },
];
export const CREDIT_FIELDS = [
  { key: "amount", type: "number", required: true },
  { key: "reason", type: "text", required: true },
];

export async function startActionsWorld(): Promise<ActionsWorld> {
  const server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  const fulfilment = await startFulfilment();
  const { admin } = await setUpWorkspace(server);
  const { client: agent, email: agentEmail } = await staffClient(server, "agent");
  const { client: engineer } = await staffClient(server, "engineer");
  const email = uniqueEmail("dana");
  const { client: customer } = await customerClient(server, email);
  const made = await agent.post("/api/v1/customers", {
    name: "Dana Park",
    emails: [uniqueEmail("dana-staff")],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const customerId = made.body.id as string;
  const fact = await agent.post(`/api/v1/customers/${customerId}/facts`, {
    key: "address",
    value: "12 Oak St, Springfield",
  });
  assert.equal(fact.status, 201, JSON.stringify(fact.body));
  const caseId = await newCase(agent, customerId);
  return {
    server,
    fulfilment,
    admin,
    agent,
    agentEmail,
    engineer,
    customer,
    customerId,
    caseId,
    close: async () => {
      await fulfilment.close();
      await server.close();
    },
  };
}

export async function newCase(agent: TestClient, customerId: string) {
  const res = await agent.post("/api/v1/cases", {
    customerId,
    subject: "Modem is dead",
    message: "No lights at all.",
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** Defines an action aimed at the fake fulfilment system, which learns its secret. */
export async function defineAction(w: ActionsWorld, body: Record<string, unknown> = {}) {
  const res = await w.admin.post("/api/v1/actions", {
    name: "Ship a replacement modem",
    icon: "truck",
    url: `${w.fulfilment.url}/ship`,
    fields: SHIP_FIELDS,
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  w.fulfilment.secret = res.body.secret;
  return res.body as { id: string; secret: string; [k: string]: unknown };
}

export const key = () => `key-${randomUUID()}`;

export function runOn(
  client: TestClient,
  caseId: string,
  actionId: string,
  input: Record<string, unknown>,
  k = key(),
) {
  return client.post(`/api/v1/cases/${caseId}/actions/${actionId}`, { input }, { "idempotency-key": k });
}

/** The membership id of a staff member, by email. */
export async function membershipOf(server: TestServer, email: string): Promise<string> {
  const r = await server.runtime.ctx.pool.query(
    `select m.id from memberships m join auth."user" u on u.id = m.user_id where u.email = $1`,
    [email],
  );
  return r.rows[0].id;
}

export async function timelineKinds(client: TestClient, caseId: string) {
  const res = await client.get(`/api/v1/cases/${caseId}/timeline`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Array<{
    kind: string;
    data: Record<string, unknown>;
    actor: { name: string } | null;
  }>;
}

export async function auditActions(server: TestServer, subjectId: string): Promise<string[]> {
  const r = await server.runtime.ctx.pool.query(
    "select action from audit_log where subject_id = $1 order by created_at, id",
    [subjectId],
  );
  return r.rows.map((x) => x.action);
}
