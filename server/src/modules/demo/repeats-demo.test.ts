import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { closeSharedEmbedder } from "../../platform/text/use-embedder.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await closeSharedEmbedder();
  await server.close();
});

const counts = async () => {
  const { rows } = await server.runtime.ctx.pool.query(
    `select (select count(*)::int from repeat_contacts) as repeats,
            (select count(*)::int from customer_risk where at_risk) as at_risk,
            (select count(*)::int from cases) as cases,
            (select count(*)::int from repeat_queue) as queued`,
  );
  return rows[0] as { repeats: number; at_risk: number; cases: number; queued: number };
};

test("the demo has repeat contacts and a handful of at-risk customers with reasons; a second load adds nothing", async () => {
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const first = await counts();
  assert.ok(first.repeats >= 4, JSON.stringify(first));
  assert.ok(first.at_risk >= 1 && first.at_risk <= 6, JSON.stringify(first));
  assert.equal(first.queued, 0);
  const { rows } = await server.runtime.ctx.pool.query(
    "select reasons from customer_risk where at_risk order by score desc limit 1",
  );
  const kinds = (rows[0].reasons as Array<{ kind: string }>).map((r) => r.kind);
  assert.ok(kinds.includes("language"), JSON.stringify(kinds));
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const second = await counts();
  assert.deepEqual({ ...second, queued: 0 }, first);
});
