import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../test/client.ts";
import { signIn } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "../demo/demo.ts";
import { sample } from "../demo/sample.ts";

const DEMO_PASSWORD = "a-demo-password-for-tests";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo has an Error 1013 problem with linked cases and a workaround, a known issue on Den's speaker, and an unnamed E4402 group", async () => {
  await loadDemo(server.runtime.ctx, { password: DEMO_PASSWORD });
  await loadDemo(server.runtime.ctx, { password: DEMO_PASSWORD });
  const agent = await signIn(new TestClient(server.url), sample.staff[1].email, DEMO_PASSWORD);
  const problems = (await agent.get("/api/v1/problems?status=all")).body.items;
  assert.equal(problems.length, 1, "loading twice adds nothing");
  const p = problems[0];
  assert.match(p.title, /Error 1013/);
  assert.equal(p.status, "workaround_available");
  assert.ok(p.caseCount >= 3, `linked ${p.caseCount}`);
  assert.match(p.publicWorkaroundHtml, /UPnP/);
  const den = sample.customers.find((c) => c.name === "Den Whitaker");
  const lookup = await agent.get(`/api/v1/lookup?email=${encodeURIComponent(den?.email ?? "")}`);
  assert.equal(lookup.body.knownIssues[0]?.problemId, p.id);
  // The emerging group: at least 5 recent cases from at least 3 customers mention 4402.
  const recent = await sql<{ cases: number; customers: number }>`
    select count(distinct c.id)::int as cases, count(distinct c.customer_id)::int as customers
      from cases c join messages m on m.case_id = c.id
     where m.body like '%4402%' and c.created_at > now() - interval '72 hours'`.execute(
    server.runtime.ctx.db,
  );
  assert.ok((recent.rows[0]?.cases ?? 0) >= 5, JSON.stringify(recent.rows));
  assert.ok((recent.rows[0]?.customers ?? 0) >= 3);
  // The help center: at least 30 published articles, Error 1013 among them.
  const articles = (await agent.get("/api/v1/help/articles?state=published")).body.items;
  assert.ok(articles.length >= 30, `${articles.length} articles`);
  assert.ok(articles.some((a: { title: string }) => /1013/.test(a.title)));
});
