import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";

/**
 * The authoring tests' world: a server, staff of each kind, a customer and another workspace,
 * and helpers that create through HTTP. The bindings are live (ES module exports), filled by
 * `withAuthoringServer`'s before hook.
 */
export let server: TestServer;
export let admin: TestClient;
export let agent: TestClient;
export let engineerLike: TestClient;
export let other: TestClient;
export let customer: TestClient;
export const A = "/api/v1/academy";
export const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

export function withAuthoringServer() {
  before(async () => {
    server = await startTestServer();
    ({ admin } = await setUpWorkspace(server));
    agent = (await staffClient(server, "agent")).client;
    engineerLike = (await staffClient(server, "engineer")).client;
    other = (await otherWorkspace(server)).client;
    customer = (await customerClient(server)).client;
  });
  after(() => server.close());
}

export async function course(body: Record<string, unknown> = {}) {
  const res = await agent.post(`${A}/courses`, { title: "Getting the most from your speakers", ...body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
export async function mod(courseId: string, title = "Setting up") {
  const res = await agent.post(`${A}/courses/${courseId}/modules`, { title });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
export async function lesson(moduleId: string, body: Record<string, unknown>) {
  const res = await agent.post(`${A}/modules/${moduleId}/lessons`, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
export function refused(
  res: { status: number; body: { error?: { field?: string } } },
  status: number,
  field: string,
) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error?.field, field, JSON.stringify(res.body));
}
