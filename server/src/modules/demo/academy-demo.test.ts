import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { trainedAmong } from "../retention/sources.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo's academy: the two courses with a quiz each, an upcoming session, trained customers with certificates; twice changes nothing", async () => {
  const { pool } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const courses = (
    await pool.query(`select c.title, c.state, count(l.*) filter (where l.kind = 'quiz')::int as quizzes,
                             count(l.*) filter (where l.kind = 'link')::int as links
                        from academy_courses c join academy_lessons l on l.course_id = c.id
                       group by c.id, c.workspace_id order by c.title`)
  ).rows;
  assert.deepEqual(
    courses.map((c) => [c.title, c.state, c.quizzes]),
    [
      ["Getting the most from your speakers", "published", 1],
      ["Home networking for your speakers (and Error 1013)", "published", 1],
    ],
  );
  assert.equal(courses[1].links, 1, "the networking course links the Error 1013 help article");
  const networking = await pool.query(
    "select body_md from academy_lessons where title = 'The speaker cannot reach the update server'",
  );
  assert.match(networking.rows[0].body_md, /UPnP/, "it explains 1013's causes");
  const upcoming = await pool.query(
    "select title from academy_sessions where starts_at > now() and state = 'scheduled'",
  );
  assert.equal(upcoming.rows.length, 1);

  const done = await pool.query(
    `select e.customer_id, e.workspace_id, e.completed_at, cert.code from academy_enrollments e
       join academy_certificates cert on cert.customer_id = e.customer_id and cert.course_id = e.course_id
      where e.completed_at is not null`,
  );
  assert.ok(done.rows.length > 0, "some customers completed a course and hold its certificate");
  assert.ok(
    done.rows.some((r) => Date.now() - new Date(r.completed_at).getTime() > 60 * 86_400_000),
    "completions months ago, so trained cohorts have history",
  );
  const scope = new TenantScope(server.runtime.ctx.db, done.rows[0].workspace_id);
  const ids = done.rows.map((r) => r.customer_id as string);
  assert.equal((await trainedAmong(scope, ids)).size, new Set(ids).size, "retention counts them as trained");

  const count = async () =>
    (
      await pool.query(`select (select count(*) from academy_courses)::int as courses,
        (select count(*) from academy_lesson_progress)::int as progress,
        (select count(*) from academy_certificates)::int as certificates`)
    ).rows[0];
  const first = await count();
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  assert.deepEqual(await count(), first, "loading twice adds nothing");
});
