import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { issueCertificate } from "./certificates/issue.ts";
import { recordLessonProgress } from "./progress/completion.ts";

let server: TestServer;
let admin: TestClient;
let workspaceId: string;
before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(() => server.close());

/** A published course of two text lessons, made in the tables (authoring has its own tests). */
async function course(slug: string) {
  const { pool } = server.runtime.ctx;
  const c = await pool.query(
    "insert into academy_courses (workspace_id, slug, title, state) values ($1, $2, $2, 'published') returning id",
    [workspaceId, slug],
  );
  const m = await pool.query(
    "insert into academy_modules (workspace_id, course_id, title, position) values ($1, $2, 'One', 0) returning id",
    [workspaceId, c.rows[0].id],
  );
  const lessons: string[] = [];
  for (const position of [0, 1]) {
    const l = await pool.query(
      `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position)
       values ($1, $2, $3, $4, 'text', $5) returning id`,
      [workspaceId, c.rows[0].id, m.rows[0].id, `Lesson ${position + 1}`, position],
    );
    lessons.push(l.rows[0].id);
  }
  return { id: c.rows[0].id as string, lessons };
}

const progress = (customerId: string, lessonId: string, percent: number) =>
  inTransaction(server.runtime.ctx.db, (tx) =>
    recordLessonProgress(new TenantScope(tx, workspaceId), { customerId, lessonId, percent }),
  );

test("merging customers keeps the furthest learning of the two, renumbers quiz attempts and keeps certificates verifiable", async () => {
  const { pool } = server.runtime.ctx;
  const keep = (await admin.post("/api/v1/customers", { name: "Lena Park", emails: ["lena@example.com"] }))
    .body;
  const dup = (await admin.post("/api/v1/customers", { name: "Lena P.", emails: ["lena@work.example"] }))
    .body;
  const shared = await course("shared-course");
  const onlyDup = await course("only-the-duplicate");

  // The survivor read half of lesson 1; the duplicate finished the whole shared course.
  await progress(keep.id, shared.lessons[0] as string, 50);
  for (const lesson of shared.lessons) {
    const result = await progress(dup.id, lesson, 100);
    assert.equal(result.lessonNewlyCompleted, true);
  }
  await progress(dup.id, onlyDup.lessons[0] as string, 30);
  const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
  const keepCert = await issueCertificate(scope, {
    customerId: keep.id,
    courseId: shared.id,
    title: "Shared",
  });
  const dupCert = await issueCertificate(scope, { customerId: dup.id, courseId: shared.id, title: "Shared" });
  const again = await issueCertificate(scope, { customerId: dup.id, courseId: shared.id, title: "Shared" });
  assert.equal(again.created, false, "a held certificate is not issued twice");
  assert.equal(again.code, dupCert.code);

  const attempt = (customerId: string, n: number) =>
    pool.query(
      "insert into academy_quiz_attempts (workspace_id, lesson_id, customer_id, attempt_number) values ($1, $2, $3, $4)",
      [workspaceId, shared.lessons[1], customerId, n],
    );
  await attempt(keep.id, 1);
  await attempt(keep.id, 2);
  await attempt(dup.id, 1);
  const session = await pool.query(
    `insert into academy_sessions (workspace_id, slug, title, starts_at, host_time_zone, duration_minutes, capacity)
     values ($1, 'live', 'Live', now(), 'UTC', 60, 10) returning id`,
    [workspaceId],
  );
  await pool.query(
    `insert into academy_registrations (workspace_id, session_id, customer_id, status, attended)
     values ($1, $2, $3, 'waitlisted', null), ($1, $2, $4, 'confirmed', true)`,
    [workspaceId, session.rows[0].id, keep.id, dup.id],
  );

  const merged = await admin.post(`/api/v1/customers/${keep.id}/merge`, { duplicateId: dup.id });
  assert.equal(merged.status, 200, JSON.stringify(merged.body));

  const enrollments = await pool.query(
    "select course_id, completed_at from academy_enrollments where customer_id = $1 order by course_id",
    [keep.id],
  );
  assert.equal(enrollments.rows.length, 2, "both courses, once each");
  const sharedEnrollment = enrollments.rows.find((r) => r.course_id === shared.id);
  assert.ok(sharedEnrollment?.completed_at, "the duplicate's completion counts for the survivor");
  const lesson1 = await pool.query(
    "select percent, completed_at from academy_lesson_progress where customer_id = $1 and lesson_id = $2",
    [keep.id, shared.lessons[0]],
  );
  assert.equal(lesson1.rows[0].percent, 100, "the higher percent is kept");
  assert.ok(lesson1.rows[0].completed_at);
  const left = await pool.query(
    "select (select count(*) from academy_enrollments where customer_id = $1)::int as e, (select count(*) from academy_lesson_progress where customer_id = $1)::int as p",
    [dup.id],
  );
  assert.deepEqual(left.rows[0], { e: 0, p: 0 }, "nothing left behind on the merged record");

  const attempts = await pool.query(
    "select attempt_number from academy_quiz_attempts where customer_id = $1 order by attempt_number",
    [keep.id],
  );
  assert.deepEqual(
    attempts.rows.map((r) => r.attempt_number),
    [1, 2, 3],
    "the duplicate's try counts after the survivor's",
  );
  const registrations = await pool.query("select customer_id, status, attended from academy_registrations");
  assert.deepEqual(registrations.rows, [{ customer_id: keep.id, status: "confirmed", attended: true }]);

  const certs = await pool.query("select code from academy_certificates where revoked_at is null");
  assert.deepEqual(
    certs.rows.map((r) => r.code).sort(),
    [keepCert.code, dupCert.code].sort(),
    "both codes still verify",
  );
});
