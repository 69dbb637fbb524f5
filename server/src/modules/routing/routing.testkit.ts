import assert from "node:assert/strict";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** A workspace, its admin, and helpers to make agents, teams, customers and cases for routing tests. */
export type RoutingWorld = { server: TestServer; admin: TestClient };

export async function startRoutingWorld(): Promise<RoutingWorld> {
  const server = await startTestServer();
  const { admin } = await setUpWorkspace(server);
  return { server, admin };
}

let n = 0;
export type Agent = { id: string; client: TestClient; name: string };

export async function newAgent(w: RoutingWorld, role: "agent" | "engineer" = "agent"): Promise<Agent> {
  const { client, email } = await staffClient(w.server, role);
  const members = await w.admin.get("/api/v1/members?limit=100");
  const m = members.body.items.find((x: { email: string }) => x.email === email);
  assert.ok(m, "the new staff member is listed");
  return { id: m.id, client, name: m.name };
}

export async function newTeam(w: RoutingWorld, name: string, members: Agent[]): Promise<string> {
  const res = await w.admin.post("/api/v1/teams", { name, memberIds: members.map((m) => m.id) });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.items.find((t: { name: string }) => t.name === name).id;
}

export async function newCustomer(w: RoutingWorld, extra: Record<string, unknown> = {}): Promise<string> {
  n++;
  const res = await w.admin.post("/api/v1/customers", { name: `Customer ${n}`, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

export async function newRule(w: RoutingWorld, body: Record<string, unknown>) {
  const res = await w.admin.post("/api/v1/routing-rules", { name: `Rule ${++n}`, ...body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** Opens a case as staff without naming an assignee or team, so routing decides. */
export async function openCase(w: RoutingWorld, customerId: string, extra: Record<string, unknown> = {}) {
  const res = await w.admin.post("/api/v1/cases", {
    customerId,
    subject: "Speaker drops off the network",
    message: "It keeps disconnecting every evening.",
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; assignee: { id: string } | null; team: { id: string } | null };
}

/** The `case.routed` event of a case, as agents see it on the timeline. */
export async function routedEvent(w: RoutingWorld, caseId: string) {
  const res = await w.admin.get(`/api/v1/cases/${caseId}/timeline`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items.find((e: { kind: string }) => e.kind === "case.routed") as
    | {
        data: {
          reason: string;
          detail: string;
          teamId: string | null;
          assigneeId: string | null;
          ruleId: string | null;
        };
      }
    | undefined;
}
