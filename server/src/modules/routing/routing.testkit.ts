import assert from "node:assert/strict";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** A workspace, its admin, and helpers to make agents, teams, customers and cases for routing tests. */
export type RoutingWorld = { server: TestServer; admin: TestClient; workspaceId: string };

export async function startRoutingWorld(): Promise<RoutingWorld> {
  const server = await startTestServer();
  const { admin, workspaceId } = await setUpWorkspace(server);
  return { server, admin, workspaceId };
}

let n = 0;
export type Agent = { id: string; client: TestClient; name: string };
type Agents<N extends number, A extends Agent[] = []> = A["length"] extends N ? A : Agents<N, [...A, Agent]>;

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

/**
 * What most routing tests start from: a team of new agents (each with a capacity, when given),
 * one rule sending cases tagged `tag` to it, and a customer to open those cases for.
 */
export async function newDesk<N extends number>(
  w: RoutingWorld,
  desk: {
    name: string;
    agents: N;
    tag: string;
    strategy?: "round_robin" | "least_loaded";
    capacity?: number;
  },
) {
  const agents: Agent[] = [];
  for (let i = 0; i < desk.agents; i++) agents.push(await newAgent(w));
  const teamId = await newTeam(w, desk.name, agents);
  if (desk.capacity !== undefined) {
    const members = Object.fromEntries(agents.map((a) => [a.id, { capacity: desk.capacity }]));
    const set = await w.admin.put("/api/v1/routing-settings", { members });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  }
  const rule = await newRule(w, { conditions: { tag: desk.tag }, teamId, strategy: desk.strategy });
  // Typed as exactly `agents` of them, so a test can name each: `agents: [x, y]`.
  return { agents: agents as Agents<N>, teamId, rule, customer: await newCustomer(w) };
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
