import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

// Read from the tables: what the surveys service wrote for the demo (surveys-demo.ts).
test("the demo's solved cases have survey answers, some negative with reasons and follow-ups; a second load adds nothing", async () => {
  const q = (text: string) => server.runtime.ctx.pool.query(text);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const count = async () =>
    (
      await q(`select count(*)::int as answers,
                      count(*) filter (where sentiment = 'negative')::int as negative,
                      count(reason)::int as reasons,
                      (select count(*)::int from survey_follow_ups) as follow_ups,
                      bool_and(responded_at <= now()) as in_the_past
                 from survey_responses`)
    ).rows[0];
  const first = await count();
  assert.ok(first.answers > 0, JSON.stringify(first));
  assert.ok(first.negative > 0 && first.reasons === first.negative, JSON.stringify(first));
  assert.ok(first.follow_ups >= first.negative, JSON.stringify(first));
  assert.equal(first.in_the_past, true);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  assert.deepEqual(await count(), first);
});
