import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * Every route the OpenAPI document marks as secured is tried without credentials (401), and
 * every staff-only route as a customer (403): a new route cannot forget its guard unnoticed.
 */
let server: TestServer;
let customer: TestClient;
let doc: { paths: Record<string, Record<string, { security?: unknown[] }>> };
before(async () => {
  server = await startTestServer();
  await setUpWorkspace(server);
  ({ client: customer } = await customerClient(server));
  doc = (await new TestClient(server.url).get("/api/v1/openapi.json")).body;
});
after(() => server.close());

const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";
// Routes a signed-in customer may use (they see only their own data there).
const CUSTOMER_ROUTES = new Set([
  "GET /api/v1/me",
  "GET /api/v1/cases",
  "POST /api/v1/cases",
  "GET /api/v1/cases/{id}",
  "GET /api/v1/cases/{id}/messages",
  "POST /api/v1/cases/{id}/messages",
  "GET /api/v1/cases/{id}/timeline",
  // Customers see a problem only through their own case (public title, status, workaround).
  "GET /api/v1/cases/{caseId}/problems",
  "POST /api/v1/cases/{caseId}/problems/{problemId}/opt-out",
  // The agent on their own case: display name and photo (issue #18).
  "GET /api/v1/cases/{caseId}/agent",
  "GET /api/v1/cases/{caseId}/agent/photo",
  "GET /api/v1/attachments/{id}",
  "GET /api/v1/portal/profile",
  // Routing (issue #18): the customer's own "my agent" picker.
  "GET /api/v1/portal/agents",
  "PUT /api/v1/portal/preferred-agent",
  // Honest expectations (issue #18): when a person will reply to the customer's own case.
  "GET /api/v1/portal/cases/{id}/expected-reply",
  // Surveys (issue #19): the customer's own surveys on their own case, and their answer.
  "GET /api/v1/portal/cases/{id}/surveys",
  "PUT /api/v1/portal/surveys/{id}/response",
  // The workspace's logo is shown to everyone who belongs to it, customers in the portal too.
  "GET /api/v1/workspace/logo",
  "POST /api/v1/portal/diagnostic-code",
  "GET /api/v1/diagnostics/{id}",
  "GET /api/v1/diagnostics/{id}/diff",
  "GET /api/v1/devices/{deviceId}/diagnostics",
  "GET /api/v1/devices/{deviceId}/diagnostics/series",
  "GET /api/v1/cases/{id}/diagnostics",
  "GET /api/v1/playbook-runs/{runId}",
  "GET /api/v1/playbook-runs/{runId}/snapshots",
  "POST /api/v1/playbook-runs/{runId}/answer",
  "POST /api/v1/playbook-runs/{runId}/abandon",
  "GET /api/v1/portal/playbooks",
  "GET /api/v1/portal/playbooks/{slug}",
  "POST /api/v1/portal/playbooks/{slug}/runs",
  // Self-help that answered the customer's request (help center, issue #15).
  "POST /api/v1/help/deflections",
  // The community (issue #16): customers ask, answer, vote, accept, edit their own posts,
  // turn their question into a request, and keep their community profile.
  "POST /api/v1/community/topics",
  "POST /api/v1/community/topics/{id}/posts",
  "POST /api/v1/community/posts/{id}/votes",
  "POST /api/v1/community/posts/{id}/accept",
  "DELETE /api/v1/community/posts/{id}/accept",
  "PATCH /api/v1/community/posts/{id}",
  "DELETE /api/v1/community/posts/{id}",
  "POST /api/v1/community/topics/{id}/escalate",
  "PATCH /api/v1/community/users/me",
  "PUT /api/v1/community/users/me/avatar",
  // Community following and notifications (issue #16): anyone signed in takes part.
  "PUT /api/v1/community/follows",
  "GET /api/v1/community/follows",
  "DELETE /api/v1/community/follows/{kind}/{id}",
  "GET /api/v1/community/notifications",
  "POST /api/v1/community/notifications/read",
  "GET /api/v1/community/notifications/settings",
  "PUT /api/v1/community/notifications/settings",
  // Anyone signed in may flag a community post they can read (moderation, issue #16).
  "POST /api/v1/community/flags",
  // Any signed-in member may nominate another as MVP (issue #16).
  "POST /api/v1/community/mvp/nominations",
  // Members who have earned pictures upload them for their posts (issue #16).
  "POST /api/v1/community/uploads",
  // The feedback portal (issue #17): customers post ideas, edit their own while open, vote,
  // comment, delete their comments, and follow or stop following ideas.
  "POST /api/v1/feedback/ideas",
  "PATCH /api/v1/feedback/ideas/{id}",
  "POST /api/v1/feedback/ideas/{id}/votes",
  "DELETE /api/v1/feedback/ideas/{id}/votes",
  "POST /api/v1/feedback/ideas/{id}/comments",
  "DELETE /api/v1/feedback/ideas/{id}/comments/{commentId}",
  "POST /api/v1/feedback/ideas/{id}/subscription",
  "DELETE /api/v1/feedback/ideas/{id}/subscription",
  // The academy (issue #21): customers learn through the portal login; they see only their own.
  "GET /api/v1/academy/enrollments",
  "POST /api/v1/academy/enrollments",
  "GET /api/v1/academy/courses/{key}/learn",
  "GET /api/v1/academy/lessons/{id}/learn",
  "POST /api/v1/academy/progress",
  "GET /api/v1/academy/quizzes/{lessonId}/attempts",
  "POST /api/v1/academy/quizzes/{lessonId}/attempts",
  "POST /api/v1/academy/quizzes/{lessonId}/attempts/{attemptId}/submit",
  "GET /api/v1/academy/certificates",
  "GET /api/v1/academy/certificates/{id}/pdf",
  // The academy (issue #21): the lesson an outcome recommends, under the customer's own finished run.
  "GET /api/v1/academy/recommendations/playbooks/{id}/outcomes/{stepId}",
  // Live sessions of the academy (issue #21): customers register, cancel and see their own.
  "POST /api/v1/academy/sessions/{id}/registrations",
  "DELETE /api/v1/academy/sessions/{id}/registrations",
  "GET /api/v1/portal/academy/sessions",
  "GET /api/v1/portal/academy/sessions/{ref}",
  // The academy (issue #21): a lesson's video and captions, for learners of a published course.
  "GET /api/v1/academy/lessons/{id}/video",
  "GET /api/v1/academy/lessons/{id}/captions.vtt",
  "GET /api/v1/academy/images/{id}",
  // A published learning path with the learner's own progress per course (academy/paths).
  "GET /api/v1/academy/paths/{id}",
  // GDPR export (issue #23): a customer asks for and downloads their own data from the portal.
  "POST /api/v1/portal/export",
  "GET /api/v1/portal/exports",
  "GET /api/v1/portal/exports/{exportId}/download",
]);

function secured() {
  const routes: Array<{ method: string; path: string; url: string }> = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op.security) continue;
      routes.push({ method: method.toUpperCase(), path, url: path.replace(/\{[^}]+\}/g, SAMPLE_ID) });
    }
  }
  return routes;
}

test("the document lists the secured routes of every module", () => {
  const paths = secured().map((r) => r.path);
  for (const p of [
    "/api/v1/customers",
    "/api/v1/cases",
    "/api/v1/calls",
    "/api/v1/lookup",
    "/api/v1/teams",
    "/api/v1/search",
  ]) {
    assert.ok(paths.includes(p), p);
  }
  assert.ok(secured().length >= 35, `only ${secured().length} secured routes`);
});

test("without credentials every secured route answers 401 in the one error shape", async () => {
  const anon = new TestClient(server.url);
  for (const r of secured()) {
    const res = await anon.request(
      r.method,
      r.url,
      r.method === "GET" || r.method === "DELETE" ? undefined : {},
    );
    assert.equal(res.status, 401, `${r.method} ${r.path}`);
    assert.equal(res.body.error.code, "unauthenticated", `${r.method} ${r.path}`);
  }
});

// Routes that take only their own machine credential (a messaging channel's token, issue #22):
// a signed-in customer is no one there, so 401 rather than 403.
const OWN_TOKEN_ROUTES = new Set([
  "POST /api/v1/channels/{channelId}/messages",
  "POST /api/v1/channels/{channelId}/sms",
]);
// The chat widget's visitor routes (issue #22) take only a visitor token: 401 for anyone else.
const visitorRoutes = () =>
  new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => JSON.stringify(op.security ?? []).includes("visitorToken"))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    ),
  );

test("a customer gets 403 on every staff-only route", async () => {
  const visitor = visitorRoutes();
  for (const r of secured()) {
    if (CUSTOMER_ROUTES.has(`${r.method} ${r.path}`)) continue;
    if (OWN_TOKEN_ROUTES.has(`${r.method} ${r.path}`) || visitor.has(`${r.method} ${r.path}`)) {
      const res = await customer.request(r.method, r.url, r.method === "GET" ? undefined : {});
      assert.equal(res.status, 401, `${r.method} ${r.path} gave ${res.status}`);
      continue;
    }
    const res = await customer.request(
      r.method,
      r.url,
      r.method === "GET" || r.method === "DELETE" ? undefined : {},
    );
    assert.equal(res.status, 403, `${r.method} ${r.path} gave ${res.status}`);
  }
});

// Engineers read everything but never write to customers or change cases.
const ENGINEER_REFUSED = [
  "POST /api/v1/cases",
  "PATCH /api/v1/cases/{id}",
  "POST /api/v1/customers",
  "POST /api/v1/diagnostics",
  "POST /api/v1/cases/{caseId}/escalations",
  "POST /api/v1/tasks/{id}/done",
  "POST /api/v1/calls",
];

test("an engineer gets 403 on the routes that answer customers or change cases", async () => {
  const { client: engineer } = await staffClient(server, "engineer");
  const known = new Set(secured().map((r) => `${r.method} ${r.path}`));
  for (const route of ENGINEER_REFUSED) {
    assert.ok(known.has(route), `${route} is in the document`);
    const [method = "GET", path = ""] = route.split(" ");
    // POST /cases is open to customers too, so its refusal comes after a valid body.
    const body = route === "POST /api/v1/cases" ? { customerId: SAMPLE_ID, subject: "s", message: "m" } : {};
    const res = await engineer.request(method, path.replace(/\{[^}]+\}/g, SAMPLE_ID), body);
    assert.equal(res.status, 403, `${route} gave ${res.status}`);
  }
});
