import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

// Read from the tables: what the classifier and the ladder wrote for the demo (conduct-demo.ts).
test("the demo has one abusive customer at the warning stage and frustrated customers who are not flagged; a second load adds nothing", async () => {
  const q = async (text: string) => (await server.runtime.ctx.pool.query(text)).rows;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const read = async () => ({
    steps:
      await q(`select cu.name, s.kind, cardinality(s.evidence) as evidence, s.notice_message_id is not null as told
                      from conduct_steps s join customers cu on cu.id = s.customer_id`),
    frustrated:
      await q(`select cu.name, a.outcome, a.verdict from text_assessments a join customers cu on cu.id = a.customer_id
                          where cu.name in ('Hannah Brooks', 'Omar Haddad', 'Greta Lind') order by cu.name`),
  });
  const first = await read();
  assert.deepEqual(first.steps, [{ name: "Victor Crane", kind: "warning", evidence: 3, told: true }]);
  assert.equal(first.frustrated.length, 3);
  for (const f of first.frustrated) assert.deepEqual([f.outcome, f.verdict], ["frustrated", null], f.name);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  assert.deepEqual(await read(), first);
});
