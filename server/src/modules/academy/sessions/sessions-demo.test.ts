import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { loadDemo } from "../../demo/demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo has an upcoming live session with registrations and a held one with its recording; a second load adds nothing", async () => {
  const q = (text: string) => server.runtime.ctx.pool.query(text);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const sessions = async () =>
    (
      await q(`select s.slug, s.state, s.starts_at > now() as upcoming, s.recording_url is not null as recorded,
                      s.host_membership_id is not null as hosted,
                      (select count(*)::int from academy_registrations r where r.session_id = s.id) as registrations,
                      (select count(*)::int from academy_registrations r where r.session_id = s.id and r.attended) as attended
                 from academy_sessions s order by s.starts_at`)
    ).rows;
  const first = await sessions();
  assert.deepEqual(
    first.map((s) => [s.slug, s.state, s.upcoming, s.recorded, s.hosted]),
    [
      ["error-1013-explained-live", "held", false, true, true],
      ["getting-the-most-from-your-speakers-live", "scheduled", true, false, true],
    ],
  );
  assert.ok(first[1].registrations > 0);
  assert.equal(first[0].attended, 1);
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  assert.deepEqual(await sessions(), first);
});
