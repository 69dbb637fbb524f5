import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";

/**
 * The holdout comparison: every portal form session that asked for suggestions is recorded in
 * its group (held out or suggested), and ends as a case or a deflection, so the analytics show
 * how often each group still opened a case.
 */
let server: TestServer;
let admin: TestClient;
let customer: TestClient;
let other: TestClient;
let articleId: string;
const holdout: string[] = [];
const suggested: string[] = [];
// Every session that asked, by group: the loop below may record more than it keeps.
const asked = { holdout: 0, suggested: 0 };

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  const a = await admin.post("/api/v1/help/articles", {
    title: "Reset your speaker",
    body: "Hold the button for ten seconds until the light blinks white.",
    state: "published",
    visibility: "public",
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  articleId = a.body.id;
  assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 50 })).status, 200);
  ({ client: customer } = await customerClient(server));
  ({ client: other } = await customerClient(server));
  // Sessions land in a group by their id: ask until both groups have enough.
  for (let i = 0; holdout.length < 2 || suggested.length < 3; i++) {
    const session = `form-session-${i}`;
    const res = await customer.get(
      `/api/v1/help/suggestions?q=${encodeURIComponent("reset my speaker")}&session=${session}`,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    asked[res.body.holdout ? "holdout" : "suggested"]++;
    if (res.body.holdout && holdout.length < 2) holdout.push(session);
    if (!res.body.holdout && suggested.length < 3) suggested.push(session);
    assert.ok(i < 200, "the holdout share is not 50 %");
  }
  // The same session asking again is still one session.
  await customer.get(`/api/v1/help/suggestions?q=speaker+reset&session=${suggested[0]}`);
});
after(() => server.close());

const analytics = async () => {
  const res = await admin.get("/api/v1/help/analytics");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.holdout;
};
const openCase = (client: TestClient, helpSessionId: string) =>
  client.post("/api/v1/cases", {
    subject: "Speaker will not reset",
    message: "It blinks red.",
    helpSessionId,
  });

test("sessions are counted per group before anything happens", async () => {
  assert.deepEqual(await analytics(), {
    holdoutSessions: asked.holdout,
    holdoutCases: 0,
    suggestedSessions: asked.suggested,
    suggestedCases: 0,
    suggestedDeflected: 0,
  });
});

test("cases and deflections end the sessions; analytics compare the groups", async () => {
  assert.equal((await openCase(customer, holdout[0] as string)).status, 201);
  assert.equal((await openCase(customer, suggested[0] as string)).status, 201);
  const deflected = await customer.post("/api/v1/help/deflections", {
    query: "reset my speaker",
    session: suggested[1],
    articleId,
  });
  assert.equal(deflected.status, 201, JSON.stringify(deflected.body));
  // Someone else's session id ends nothing (their case is still created).
  assert.equal((await openCase(other, holdout[1] as string)).status, 201);
  // A staff case carrying a session id ends nothing either.
  const { body: me } = await customer.get("/api/v1/portal/profile");
  const staffCase = await admin.post("/api/v1/cases", {
    customerId: me.customer.id,
    subject: "Phoned in",
    message: "Called about the speaker.",
    helpSessionId: suggested[2],
  });
  assert.equal(staffCase.status, 201, JSON.stringify(staffCase.body));

  assert.deepEqual(await analytics(), {
    holdoutSessions: asked.holdout,
    holdoutCases: 1,
    suggestedSessions: asked.suggested,
    suggestedCases: 1,
    suggestedDeflected: 1,
  });
});

test("a case after a deflection in the same session counts as a case", async () => {
  assert.equal((await openCase(customer, suggested[1] as string)).status, 201);
  const h = await analytics();
  assert.equal(h.suggestedCases, 2);
  assert.equal(h.suggestedDeflected, 0);
});

test("a malformed session id is a 400 naming helpSessionId", async () => {
  const res = await openCase(customer, "no spaces allowed");
  assert.equal(res.status, 400);
  assert.equal(res.body.error.field, "helpSessionId", JSON.stringify(res.body));
});
