import assert from "node:assert/strict";
import { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** The people and categories the community tests share; each test file starts its own server. */
export type World = {
  server: TestServer;
  admin: TestClient;
  agent: TestClient;
  moderator: TestClient;
  engineer: TestClient;
  alice: TestClient;
  bob: TestClient;
  anon: TestClient;
  cats: { pub: string; customers: string; mvp: string; staff: string };
};

export const C = "/api/v1/community";

export async function startWorld(): Promise<World> {
  const server = await startTestServer();
  const { admin } = await setUpWorkspace(server);
  const { client: agent } = await staffClient(server, "agent");
  const { client: moderator } = await staffClient(server, "moderator");
  const { client: engineer } = await staffClient(server, "engineer");
  const { client: alice } = await customerClient(server, uniqueEmail("alice"));
  const { client: bob } = await customerClient(server, uniqueEmail("bob"));
  const anon = new TestClient(server.url);
  const cat = async (name: string, visibility: string) => {
    const res = await admin.post(`${C}/categories`, { name, visibility });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const cats = {
    pub: await cat("Speakers", "public"),
    customers: await cat("Owners' lounge", "customers"),
    mvp: await cat("MVP corner", "mvp"),
    staff: await cat("Staff room", "staff"),
  };
  // The core's tests post many times as alice and bob: as trusted members (trust 2) neither the
  // new-account rate limit nor the spam hold applies (moderation tests cover those).
  const trusted = [await memberIdOf(alice), await memberIdOf(bob)];
  await server.runtime.ctx.db
    .updateTable("community_members")
    .set({ trust_level: 2 })
    .where("id", "in", trusted)
    .execute();
  return { server, admin, agent, moderator, engineer, alice, bob, anon, cats };
}

let n = 0;
export async function newTopic(
  client: TestClient,
  categoryId: string,
  body: Record<string, unknown> = {},
): Promise<{ id: string; number: number; url: string; [k: string]: unknown }> {
  n++;
  const res = await client.post(`${C}/topics`, {
    categoryId,
    kind: "question",
    title: `My speaker drops off the wifi ${n}`,
    body: "Since the update it keeps disconnecting.",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export async function answer(
  client: TestClient,
  topicId: string,
  body = "Restart the router, then the speaker.",
) {
  const res = await client.post(`${C}/topics/${topicId}/posts`, { body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; [k: string]: unknown };
}

/** A customer record made by staff (no login), for posting on their behalf or linking cases. */
export async function newCustomer(agent: TestClient, name = "Carla Customer") {
  const res = await agent.post("/api/v1/customers", { name, emails: [uniqueEmail("carla")] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

export async function memberIdOf(client: TestClient): Promise<string> {
  // Changing nothing but the digest rate makes the member on first use and returns the profile.
  const res = await client.patch(`${C}/users/me`, { digestRate: "daily" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.id;
}

export const ids = (items: Array<{ id: string }>) => items.map((x) => x.id);
