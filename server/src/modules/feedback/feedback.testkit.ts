import assert from "node:assert/strict";
import { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { type FeedbackEvent, onFeedbackEvent } from "./events.ts";

/**
 * The people and boards the feedback tests share (every part's tests may reuse it); each test
 * file starts its own server. alice, bob and carol are customers signed in to the portal.
 */
export type FeedbackWorld = {
  server: TestServer;
  admin: TestClient;
  agent: TestClient;
  engineer: TestClient;
  alice: TestClient;
  bob: TestClient;
  carol: TestClient;
  anon: TestClient;
  boards: { pub: string; customers: string; staff: string };
  /** Customer record ids of the signed-in customers. */
  customers: { alice: string; bob: string; carol: string };
  /** An open idea alice posted on the public board. */
  idea: IdeaRef;
};

export type IdeaRef = { id: string; number: string; url: string; votes: number; [k: string]: unknown };

export const F = "/api/v1/feedback";

/** `web`: also serve the server-rendered pages (needs the built web app: `npm run build`). */
export async function startFeedbackWorld(opts: { web?: boolean } = {}): Promise<FeedbackWorld> {
  const server = await startTestServer(opts.web ? { web: true } : undefined);
  const { admin } = await setUpWorkspace(server);
  const { client: agent } = await staffClient(server, "agent");
  const { client: engineer } = await staffClient(server, "engineer");
  const { client: alice } = await customerClient(server, uniqueEmail("alice"));
  const { client: bob } = await customerClient(server, uniqueEmail("bob"));
  const { client: carol } = await customerClient(server, uniqueEmail("carol"));
  const anon = new TestClient(server.url);
  const boards = {
    pub: await newBoard(admin, "Product", "public"),
    customers: await newBoard(admin, "Billing", "customers"),
    staff: await newBoard(admin, "Internal", "staff"),
  };
  const customers = {
    alice: await customerIdOf(alice),
    bob: await customerIdOf(bob),
    carol: await customerIdOf(carol),
  };
  const idea = await newIdea(alice, boards.pub, { title: "Dark mode for the mobile app" });
  return { server, admin, agent, engineer, alice, bob, carol, anon, boards, customers, idea };
}

export async function newBoard(admin: TestClient, name: string, visibility = "public"): Promise<string> {
  const res = await admin.post(`${F}/boards`, { name, visibility });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

let n = 0;
export async function newIdea(
  client: TestClient,
  boardId: string,
  body: Record<string, unknown> = {},
): Promise<IdeaRef> {
  n++;
  const res = await client.post(`${F}/ideas`, {
    boardId,
    title: `Export reports as CSV ${n}`,
    description: "We need this for the monthly review.",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export async function getIdea(client: TestClient, id: string) {
  const res = await client.get(`${F}/ideas/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

export async function vote(client: TestClient, ideaId: string, body: Record<string, unknown> = {}) {
  const res = await client.post(`${F}/ideas/${ideaId}/votes`, body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { votes: number; myVote: boolean };
}

/** The customer record a signed-in portal customer acts as. */
export async function customerIdOf(client: TestClient): Promise<string> {
  const res = await client.get("/api/v1/portal/profile");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.ok(res.body.customer, "the signed-in customer has a customer record");
  return res.body.customer.id as string;
}

/** A customer record made by staff (no login), for voting on their behalf or linking cases. */
export async function newCustomer(agent: TestClient, name = "Carla Customer") {
  const res = await agent.post("/api/v1/customers", { name, emails: [uniqueEmail("carla")] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** A case of the customer, opened by staff. */
export async function newCase(agent: TestClient, customerId: string, subject = "Wants CSV export") {
  const res = await agent.post("/api/v1/cases", {
    customerId,
    subject,
    message: "Could you add CSV export?",
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number; [k: string]: unknown };
}

export const ids = (items: Array<{ id: string }>) => items.map((x) => x.id);
export const EXPLANATION = "We looked hard at this, but it conflicts with our offline-first design.";

/** Every feedback event emitted from now on, in order (listeners are process-wide). */
export function recordFeedbackEvents(): FeedbackEvent[] {
  const seen: FeedbackEvent[] = [];
  onFeedbackEvent(async (_ctx, e) => {
    seen.push(e);
  });
  return seen;
}

/** The `data` of a queued webhook delivery. */
export type Delivered = {
  idea: { id: string; title: string };
  into?: { id: string };
  explanation?: string | null;
  [k: string]: unknown;
};

/** Registers a webhook endpoint for `events`; the returned function reads what was queued for it. */
export async function watchWebhooks(w: FeedbackWorld, events: string[]) {
  const res = await w.admin.post("/api/v1/webhooks", { url: "https://hooks.example.com/feedback", events });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const hook = res.body.id as string;
  return async (event: string): Promise<Delivered[]> =>
    (
      await w.server.runtime.ctx.pool.query(
        "select body from webhook_deliveries where endpoint_id = $1 and event_type = $2",
        [hook, event],
      )
    ).rows.map((r) => JSON.parse(r.body).data);
}
