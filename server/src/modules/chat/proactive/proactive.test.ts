import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { signedIdentity, type Visitor, visitorSession, widgetFor } from "../../../../test/chat-factory.ts";
import { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient, uniqueEmail } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { matchesUrl } from "./url-pattern.ts";

/**
 * Proactive messages, through HTTP against a real database: admins manage them, the rules
 * across fields answer 422 naming the field, other workspaces see 404, and a visitor is shown
 * only what their identity allows ('affected' decided by the problems module's device match).
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let problemId: string;
const affectedEmail = uniqueEmail("affected");
const unaffectedEmail = uniqueEmail("unaffected");

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
  const problem = await admin.post("/api/v1/problems", {
    title: "Error 1013 after the update",
    affectedProducts: [{ model: "Play:5", firmware: "< 12.2" }],
  });
  assert.equal(problem.status, 201, JSON.stringify(problem.body));
  problemId = problem.body.id;
  const customer = async (email: string, firmware: string) => {
    const made = await agent.post("/api/v1/customers", { name: "Pat", emails: [email] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const device = await agent.post(`/api/v1/customers/${made.body.id}/devices`, {
      model: "Play:5",
      serial: `S-${made.body.id.slice(0, 8)}`,
      firmware,
    });
    assert.equal(device.status, 201, JSON.stringify(device.body));
    return made.body.id as string;
  };
  await customer(affectedEmail, "12.1");
  await customer(unaffectedEmail, "12.3");
});
after(async () => server?.close());

const base = {
  name: "Pricing help",
  body: "Questions about plans? Ask us.",
  trigger: "page",
  urlPattern: "/pricing*",
};

test("admins create, list, change, disable and delete proactive messages", async () => {
  const made = await admin.post("/api/v1/chat/proactive", { ...base, delaySeconds: 20 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.delaySeconds, 20);
  assert.equal(made.body.audience, "everyone");
  assert.equal(made.body.enabled, true);
  const id = made.body.id;

  // A patch changes only what it names (the delay stays 20).
  const renamed = await admin.patch(`/api/v1/chat/proactive/${id}`, { name: "Pricing page" });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.deepEqual(
    [renamed.body.name, renamed.body.delaySeconds, renamed.body.enabled],
    ["Pricing page", 20, true],
  );

  // Switching to an event clears the pattern, so it cannot look active.
  const toEvent = await admin.patch(`/api/v1/chat/proactive/${id}`, {
    trigger: "event",
    eventName: "checkout.failed",
  });
  assert.equal(toEvent.status, 200, JSON.stringify(toEvent.body));
  assert.equal(toEvent.body.urlPattern, null);

  const off = await admin.patch(`/api/v1/chat/proactive/${id}`, { enabled: false });
  assert.equal(off.body.enabled, false);
  const list = await admin.get("/api/v1/chat/proactive");
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((m: { id: string; enabled: boolean }) => m.id === id && !m.enabled));

  assert.equal((await admin.delete(`/api/v1/chat/proactive/${id}`)).status, 204);
  assert.equal((await admin.delete(`/api/v1/chat/proactive/${id}`)).status, 404);
});

test("the rules across fields answer 422 naming the field", async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...base, urlPattern: undefined }, "urlPattern"],
    [{ ...base, urlPattern: "pricing page" }, "urlPattern"],
    [{ ...base, urlPattern: "pricing*" }, "urlPattern"],
    [{ ...base, urlPattern: "**" }, "urlPattern"],
    [{ ...base, trigger: "event", urlPattern: null }, "eventName"],
    [{ ...base, audience: "affected" }, "problemId"],
    [{ ...base, audience: "affected", problemId: crypto.randomUUID() }, "problemId"],
  ];
  for (const [body, field] of cases) {
    const res = await admin.post("/api/v1/chat/proactive", body);
    assert.equal(res.status, 422, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.field, field);
  }
  // The contract itself refuses a bad event name or an unknown key (400, naming it).
  const badEvent = await admin.post("/api/v1/chat/proactive", {
    ...base,
    trigger: "event",
    eventName: "a b",
  });
  assert.equal(badEvent.status, 400);
  assert.equal(badEvent.body.error.field, "eventName");
  const extra = await admin.post("/api/v1/chat/proactive", { ...base, colour: "red" });
  assert.equal(extra.status, 400);
  // A patch is checked against the stored message: dropping the pattern of a page message is refused.
  const made = await admin.post("/api/v1/chat/proactive", base);
  const dropped = await admin.patch(`/api/v1/chat/proactive/${made.body.id}`, { urlPattern: null });
  assert.equal(dropped.status, 422);
  assert.equal(dropped.body.error.field, "urlPattern");
});

test("only admins manage them, and another workspace's message is not found", async () => {
  assert.equal((await agent.get("/api/v1/chat/proactive")).status, 403);
  assert.equal((await agent.post("/api/v1/chat/proactive", base)).status, 403);
  const made = await admin.post("/api/v1/chat/proactive", base);
  const { client: stranger } = await otherWorkspace(server);
  assert.equal(
    (await stranger.patch(`/api/v1/chat/proactive/${made.body.id}`, { name: "Mine" })).status,
    404,
  );
  assert.equal((await stranger.delete(`/api/v1/chat/proactive/${made.body.id}`)).status, 404);
  const theirs = await stranger.get("/api/v1/chat/proactive");
  assert.equal(theirs.body.items.length, 0);
});

test("a visitor sees what their identity allows: 'affected' only with an affected device", async () => {
  const errors = await admin.post("/api/v1/chat/proactive", {
    name: "Error 1013",
    body: "Having trouble with Error 1013? Here's the fix",
    trigger: "page",
    urlPattern: "*/errors/1013*",
    audience: "affected",
    problemId,
  });
  assert.equal(errors.status, 201, JSON.stringify(errors.body));
  const members = await admin.post("/api/v1/chat/proactive", {
    name: "Members",
    body: "Welcome back",
    trigger: "event",
    eventName: "signed_in",
    audience: "verified",
  });
  assert.equal(members.status, 201);
  const off = await admin.post("/api/v1/chat/proactive", { ...base, name: "Off", enabled: false });
  assert.equal(off.status, 201);

  const widget = await widgetFor(server, admin);
  const visitor = (identity?: Record<string, unknown>) =>
    visitorSession(new TestClient(server.url), widget, identity ? { identity } : {});
  const shown = async (v: Visitor, url?: string) => {
    const res = await v.get(`/api/v1/widget/proactive${url ? `?url=${encodeURIComponent(url)}` : ""}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body.items as Array<{ id: string }>).map((i) => i.id);
  };
  const page = "https://www.example.com/support/errors/1013?from=app";

  const anonymous = await shown(await visitor(), page);
  assert.ok(!anonymous.includes(errors.body.id) && !anonymous.includes(members.body.id));
  assert.ok(!anonymous.includes(off.body.id), "a disabled message is never shown");
  const unaffectedVisitor = await visitor(signedIdentity(widget, "user-unaffected", unaffectedEmail));
  const unaffected = await shown(unaffectedVisitor, page);
  assert.ok(!unaffected.includes(errors.body.id), "firmware 12.3 is outside the problem's range");
  assert.ok(unaffected.includes(members.body.id));
  const affectedVisitor = await visitor(signedIdentity(widget, "user-affected", affectedEmail));
  assert.ok((await shown(affectedVisitor, page)).includes(errors.body.id));
  // On another page the page message does not come; the event message does.
  const elsewhere = await shown(affectedVisitor, "https://www.example.com/");
  assert.ok(!elsewhere.includes(errors.body.id) && elsewhere.includes(members.body.id));
  // A forged signature gets no session at all, so it cannot claim the affected customer.
  const forged = await new TestClient(server.url).post("/api/v1/widget/sessions", {
    key: widget.key,
    identity: { userId: "user-affected", email: affectedEmail, signature: "0".repeat(64) },
  });
  assert.equal(forged.status, 401);
  // From a page the widget's allowed origins leave out: 403 naming the origin.
  await admin.patch("/api/v1/chat/widget", { allowedOrigins: ["https://shop.example.test"] });
  const unlisted = await affectedVisitor.get("/api/v1/widget/proactive", {
    origin: "https://evil.example.test",
  });
  assert.equal(unlisted.status, 403, JSON.stringify(unlisted.body));
  assert.equal(unlisted.body.error.field, "origin");
  const listed = await affectedVisitor.get("/api/v1/widget/proactive", {
    origin: "https://shop.example.test",
  });
  assert.equal(listed.status, 200);
  await admin.patch("/api/v1/chat/widget", { allowedOrigins: [] });
  // Without a visitor token: 401 naming the header.
  const noToken = await new TestClient(server.url).get("/api/v1/widget/proactive");
  assert.equal(noToken.status, 401);
  assert.equal(noToken.body.error.field, "authorization");
});

test("patterns: a path pattern matches the host's pages, a leading * matches anywhere", () => {
  assert.ok(matchesUrl("/pricing*", "https://shop.example.com/pricing/pro?x=1"));
  assert.ok(!matchesUrl("/pricing*", "https://shop.example.com/en/pricing"));
  assert.ok(matchesUrl("*/errors/1013*", "https://example.com/help/errors/1013"));
  assert.ok(!matchesUrl("*/errors/1013*", "https://example.com/help/errors/1014"));
  assert.ok(matchesUrl("/a.b", "https://example.com/a.b") && !matchesUrl("/a.b", "https://example.com/axb"));
});
