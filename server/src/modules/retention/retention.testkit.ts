import assert from "node:assert/strict";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * The people the retention tests share: an admin (a browser session), an agent, and a
 * billing system calling with an admin's API token. Each test file starts its own server.
 */
export type RetentionWorld = {
  server: TestServer;
  admin: TestClient;
  agent: TestClient;
  billing: TestClient;
};

export async function startRetentionWorld(): Promise<RetentionWorld> {
  const server = await startTestServer();
  const { admin } = await setUpWorkspace(server);
  const { client: agent } = await staffClient(server, "agent");
  const { client: billing } = await staffClient(server, "admin");
  return { server, admin, agent, billing };
}

let n = 0;
/** A customer with an email and an account number (the id a billing system knows). */
export async function newCustomer(client: TestClient, name = "Carla Customer") {
  n++;
  const email = uniqueEmail("carla");
  const account = `ACC-${Date.now().toString(36)}-${n}`;
  const res = await client.post("/api/v1/customers", {
    name: `${name} ${n}`,
    emails: [email],
    accounts: [account],
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id as string, email, account };
}

export async function lifecycle(client: TestClient, customerId: string, body: Record<string, unknown>) {
  return client.post(`/api/v1/customers/${customerId}/lifecycle`, body);
}

export async function importCsv(client: TestClient, path: string, csv: string) {
  return client.request("POST", path, csv, { "content-type": "text/csv" });
}

/** Runs SQL on the test database (setup rows in shared tables another part owns). */
export function query(w: RetentionWorld, text: string, values: unknown[] = []) {
  return w.server.runtime.ctx.pool.query(text, values);
}

export async function workspaceIdOf(w: RetentionWorld): Promise<string> {
  const { rows } = await query(w, "select id from workspaces order by created_at limit 1");
  return rows[0].id as string;
}

/** A case of the customer, opened by staff. */
export async function newCase(client: TestClient, customerId: string, subject = "Headphones crackle") {
  const res = await client.post("/api/v1/cases", { customerId, subject, message: "The left side crackles." });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number; status: string };
}
