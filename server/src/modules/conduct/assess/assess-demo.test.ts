import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { closeSharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { loadDemo } from "../../demo/demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await closeSharedEmbedder();
  await server.close();
});

test("a freshly loaded demo has every customer message assessed, so its cases already show flags", async () => {
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const { rows } = await server.runtime.ctx.pool.query(
    `select (select count(*)::int from messages where kind = 'customer') as customer_messages,
            (select count(*)::int from text_assessments where source = 'message') as assessed,
            (select count(*)::int from text_assessments where outcome = 'frustrated') as frustrated,
            (select count(*)::int from assessment_queue) as queued`,
  );
  const r = rows[0] as { customer_messages: number; assessed: number; frustrated: number; queued: number };
  assert.equal(r.queued, 0, JSON.stringify(r));
  assert.equal(r.assessed, r.customer_messages, JSON.stringify(r));
  assert.ok(r.frustrated >= 3, `some demo customers write in frustration: ${JSON.stringify(r)}`);
  // Frustrated is not abusive: none of them is flagged.
  const { rows: flagged } = await server.runtime.ctx.pool.query(
    `select count(*)::int as n from text_assessments a join messages m on m.id = a.source_id
      where a.outcome = 'abusive' and m.body like '%firmware update broke my speakers%'`,
  );
  assert.equal(flagged[0].n, 0);
  // A second load writes nothing twice.
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const { rows: again } = await server.runtime.ctx.pool.query(
    "select count(*)::int as n from cases where subject = 'Firmware update broke my speakers again'",
  );
  assert.equal(again[0].n, 1);
});
