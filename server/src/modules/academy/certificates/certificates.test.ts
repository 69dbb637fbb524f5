import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { PDFDocument } from "pdf-lib";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import {
  customerIdOf,
  questionIds,
  type SeededCourse,
  seedCourse,
  speakerQuiz,
} from "../learning/academy.testkit.ts";
import { issueCertificate } from "./issue.ts";

/** Certificates: issued once when a course completes, the PDF, revoking, and the public check. */
let server: TestServer;
let workspaceId: string;
let admin: TestClient;
let agent: TestClient;
let alice: TestClient;
let bob: TestClient;
let anon: TestClient;
let course: SeededCourse;
let cert: { id: string; code: string; verifyUrl: string; pdfUrl: string };
const A = "/api/v1/academy";

before(async () => {
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin, workspaceId } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: alice } = await customerClient(server));
  ({ client: bob } = await customerClient(server));
  anon = new TestClient(server.url);
  const hook = await admin.post("/api/v1/webhooks", {
    url: "http://127.0.0.1:9/hooks",
    events: ["academy.course_completed", "academy.certificate_issued"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  course = await seedCourse(server, workspaceId, {
    title: "Getting the most from your speakers",
    modules: [[{ kind: "text", body: "Placement." }], [speakerQuiz()]],
  });
});
after(() => server.close());

async function passQuiz(client: TestClient, c: SeededCourse) {
  const lessonId = c.lessonIds[1] as string;
  const [single, multiple, short] = questionIds(c, 1, 0);
  const start = await client.post(`${A}/quizzes/${lessonId}/attempts`);
  assert.equal(start.status, 201, JSON.stringify(start.body));
  const res = await client.post(`${A}/quizzes/${lessonId}/attempts/${start.body.id}/submit`, {
    answers: { [single]: ["b"], [multiple]: ["a", "b"], [short]: "play" },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

describe("issuing", () => {
  test("completing every required lesson issues one certificate, on the timeline and to webhooks", async () => {
    await alice.post(`${A}/progress`, { lessonId: course.lessonIds[0], percent: 100 });
    assert.deepEqual((await alice.get(`${A}/certificates`)).body.items, []);
    const quiz = await passQuiz(alice, course);
    assert.equal(quiz.courseCompleted, true);
    const list = await alice.get(`${A}/certificates`);
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 1);
    cert = list.body.items[0];
    assert.equal(list.body.items[0].title, "Getting the most from your speakers");
    assert.match(cert.code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    assert.equal(cert.verifyUrl, `${server.runtime.ctx.config.publicUrl}/academy/verify/${cert.code}`);

    // More progress, another passed attempt, and a second completion call change nothing.
    await alice.post(`${A}/progress`, { lessonId: course.lessonIds[0], percent: 100 });
    await passQuiz(alice, course);
    assert.equal((await alice.get(`${A}/certificates`)).body.items.length, 1);
    const enrolments = (await alice.get(`${A}/enrollments`)).body.items;
    assert.equal(enrolments[0].percent, 100);
    assert.ok(enrolments[0].completedAt);

    const aliceId = await customerIdOf(alice);
    const timeline = await agent.get(`/api/v1/customers/${aliceId}/timeline`);
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    assert.equal(kinds.filter((k: string) => k === "academy.course_completed").length, 1);
    assert.equal(kinds.filter((k: string) => k === "academy.certificate_issued").length, 1);
    const deliveries = await server.runtime.ctx.db
      .selectFrom("webhook_deliveries")
      .select("event_type")
      .where("workspace_id", "=", workspaceId)
      .execute();
    assert.deepEqual(deliveries.map((d) => d.event_type).sort(), [
      "academy.certificate_issued",
      "academy.course_completed",
    ]);
  });

  test("a parallel finish (text and quiz completing at once) still issues exactly one certificate", async () => {
    const c = await seedCourse(server, workspaceId, { modules: [[{ kind: "text" }], [speakerQuiz()]] });
    await Promise.all([
      bob.post(`${A}/progress`, { lessonId: c.lessonIds[0], percent: 100 }),
      passQuiz(bob, c),
    ]);
    const mine = (await bob.get(`${A}/certificates`)).body.items.filter(
      (x: { courseId: string }) => x.courseId === c.id,
    );
    assert.equal(mine.length, 1);
  });
});

describe("the PDF", () => {
  test("is a real PDF with the learner's name, the course, the code and the verify URL; holder and staff only", async () => {
    const res = await fetch(`${server.url}${cert.pdfUrl}`, { headers: { cookie: alice.cookieHeader() } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(Buffer.from(bytes.slice(0, 5)).toString(), "%PDF-");
    const pdf = await PDFDocument.load(bytes);
    assert.equal(pdf.getPageCount(), 1);
    const profile = await alice.get("/api/v1/portal/profile");
    assert.equal(pdf.getAuthor(), profile.body.customer.name);
    assert.match(pdf.getSubject() ?? "", new RegExp(cert.code));
    assert.match(pdf.getTitle() ?? "", /Getting the most from your speakers/);
    assert.match(pdf.getKeywords() ?? "", new RegExp(cert.verifyUrl.replace(/[.?]/g, "\\$&")));

    assert.equal((await bob.get(cert.pdfUrl)).status, 404);
    assert.equal((await agent.get(cert.pdfUrl)).status, 200);
    assert.equal((await anon.get(cert.pdfUrl)).status, 401);
    const { client: stranger } = await otherWorkspace(server);
    assert.equal((await stranger.get(cert.pdfUrl)).status, 404);
  });

  test("customers see only their own certificates; staff may ask for a customer's", async () => {
    const aliceId = await customerIdOf(alice);
    assert.equal((await bob.get(`${A}/certificates?customerId=${aliceId}`)).status, 404);
    const staff = await agent.get(`${A}/certificates?customerId=${aliceId}`);
    assert.deepEqual(
      staff.body.items.map((x: { id: string }) => x.id),
      [cert.id],
    );
  });
});

describe("verifying and revoking", () => {
  test("anyone can check a valid code and learns only what the certificate says", async () => {
    const res = await anon.get(`${A}/certificates/verify/${cert.code}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "valid");
    assert.equal(res.body.title, "Getting the most from your speakers");
    assert.deepEqual(Object.keys(res.body).sort(), [
      "code",
      "issuedAt",
      "learnerName",
      "revokedAt",
      "revokedReason",
      "status",
      "title",
      "workspaceName",
    ]);
    // Typed in lower case with spaces around: still found.
    assert.equal((await anon.get(`${A}/certificates/verify/${cert.code.toLowerCase()}`)).status, 200);
    const unknown = await anon.get(`${A}/certificates/verify/AAAA-BBBB-CCCC-DDDD`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "code");

    const page = await anon.get(`/academy/verify/${cert.code}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(page.body, /Valid certificate/);
    assert.match(page.body, /Getting the most from your speakers/);
    assert.doesNotMatch(page.body, /<script/);
    const missing = await anon.get("/academy/verify/AAAA-BBBB-CCCC-DDDD");
    assert.equal(missing.status, 404);
    assert.match(missing.body, /Unknown certificate/);
    const form = await anon.get(`/academy/verify?code=${encodeURIComponent(` ${cert.code.toLowerCase()} `)}`);
    assert.equal(form.status, 303);
    assert.equal(form.headers.get("location"), `/academy/verify/${cert.code}`);
  });

  test("another workspace's certificate is unknown here", async () => {
    const { client: stranger } = await otherWorkspace(server);
    const ws = await server.runtime.ctx.db
      .selectFrom("workspaces")
      .select("id")
      .where("name", "=", "Other Co")
      .executeTakeFirstOrThrow();
    const scope = new TenantScope(server.runtime.ctx.db, ws.id);
    const customer = await scope
      .insertInto("customers", { name: "Otto Other" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const other = await seedOtherCourseCertificate(ws.id, customer.id);
    assert.equal((await anon.get(`${A}/certificates/verify/${other.code}`)).status, 404);
    assert.equal((await stranger.post(`${A}/certificates/${cert.id}/revoke`, { reason: "x" })).status, 404);
  });

  test("revoking needs academy.manage and a reason, is audited, and the verify page then says so", async () => {
    const byCustomer = await alice.post(`${A}/certificates/${cert.id}/revoke`, { reason: "Cheated" });
    assert.equal(byCustomer.status, 403);
    const noReason = await agent.post(`${A}/certificates/${cert.id}/revoke`, { reason: "   " });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.body.error.field, "reason");
    const missingReason = await agent.post(`${A}/certificates/${cert.id}/revoke`, {});
    assert.equal(missingReason.status, 422);
    assert.equal(missingReason.body.error.field, "reason");

    const ok = await agent.post(`${A}/certificates/${cert.id}/revoke`, {
      reason: "Issued to the wrong person",
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(ok.body.revokedAt);
    const twice = await agent.post(`${A}/certificates/${cert.id}/revoke`, { reason: "Again" });
    assert.equal(twice.status, 409);

    const check = await anon.get(`${A}/certificates/verify/${cert.code}`);
    assert.equal(check.body.status, "revoked");
    assert.equal(check.body.revokedReason, "Issued to the wrong person");
    const page = await anon.get(`/academy/verify/${cert.code}`);
    assert.match(page.body, /Revoked on/);
    assert.match(page.body, /Issued to the wrong person/);
    assert.doesNotMatch(page.body, /Valid certificate/);

    const entry = await server.runtime.ctx.db
      .selectFrom("audit_log")
      .select(["action", "subject_id"])
      .where("action", "=", "academy.certificate_revoked")
      .executeTakeFirst();
    assert.equal(entry?.subject_id, cert.id);
  });

  test("lookups are rate-limited per client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++)
      statuses.push((await anon.get(`${A}/certificates/verify/ZZZZ-ZZZZ-ZZZZ-ZZZ${i % 10}`)).status);
    assert.ok(statuses.includes(429), `statuses: ${statuses.join(",")}`);
  });
});

async function seedOtherCourseCertificate(otherWorkspaceId: string, customerId: string) {
  const c = await seedCourse(server, otherWorkspaceId, { modules: [[{ kind: "text" }]] });
  return issueCertificate(new TenantScope(server.runtime.ctx.db, otherWorkspaceId), {
    customerId,
    courseId: c.id,
    title: c.title,
  });
}
