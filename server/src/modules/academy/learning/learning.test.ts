import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { customerIdOf, type SeededCourse, seedCourse, speakerQuiz } from "./academy.testkit.ts";

/** The learner's API: enrolment, the course view, lessons as learners see them, progress and the 90% rule. */
let server: TestServer;
let workspaceId: string;
let agent: TestClient;
let alice: TestClient;
let bob: TestClient;
let course: SeededCourse;
const A = "/api/v1/academy";

before(async () => {
  server = await startTestServer();
  ({ workspaceId } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: alice } = await customerClient(server));
  ({ client: bob } = await customerClient(server));
  course = await seedCourse(server, workspaceId, {
    modules: [
      [
        { kind: "text", body: "# Placement\n\nPut the speaker **off the floor**.<script>alert(1)</script>" },
        {
          kind: "video",
          videoEmbedUrl: "https://www.youtube-nocookie.com/embed/abc",
          captionsVtt: "WEBVTT\n\n00:00.000 --> 00:02.000\nHello",
          transcript: "Hello and welcome.",
        },
      ],
      [{ kind: "text", required: false, body: "Optional extras." }, speakerQuiz()],
    ],
  });
});
after(() => server.close());

const lessonAt = (i: number) => course.lessonIds[i] as string;
const textId = () => lessonAt(0);
const videoId = () => lessonAt(1);
const optionalId = () => lessonAt(2);
const quizId = () => lessonAt(3);

describe("enrolment", () => {
  test("a customer enrols in a published course once; drafts are unknown and archived courses take nobody new", async () => {
    const first = await alice.post(`${A}/enrollments`, { courseId: course.id });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.percent, 0);
    assert.equal((await alice.post(`${A}/enrollments`, { courseId: course.id })).status, 201);
    const list = await alice.get(`${A}/enrollments`);
    assert.deepEqual(
      list.body.items.map((e: { courseId: string }) => e.courseId),
      [course.id],
    );

    const draft = await seedCourse(server, workspaceId, { state: "draft", modules: [[{ kind: "text" }]] });
    const d = await alice.post(`${A}/enrollments`, { courseId: draft.id });
    assert.equal(d.status, 404);
    assert.equal(d.body.error.field, "courseId");
    assert.equal((await alice.get(`${A}/courses/${draft.slug}/learn`)).status, 404);
    assert.equal((await alice.get(`${A}/lessons/${draft.lessonIds[0]}/learn`)).status, 404);

    const archived = await seedCourse(server, workspaceId, {
      state: "archived",
      modules: [[{ kind: "text" }]],
    });
    const a = await alice.post(`${A}/enrollments`, { courseId: archived.id });
    assert.equal(a.status, 422);
    assert.equal(a.body.error.field, "courseId");
    const bad = await alice.post(`${A}/enrollments`, { courseId: "nope" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "courseId");
  });

  test("an archived course stays readable for those already enrolled", async () => {
    const c = await seedCourse(server, workspaceId, { modules: [[{ kind: "text" }]] });
    assert.equal((await bob.post(`${A}/enrollments`, { courseId: c.id })).status, 201);
    await server.runtime.ctx.db
      .updateTable("academy_courses")
      .set({ state: "archived" })
      .where("id", "=", c.id)
      .execute();
    assert.equal((await bob.get(`${A}/courses/${c.slug}/learn`)).status, 200);
    assert.equal((await alice.get(`${A}/courses/${c.slug}/learn`)).status, 404);
  });
});

describe("lessons as a learner sees them", () => {
  test("text is rendered and sanitised; video has its embed, captions and transcript", async () => {
    const text = await alice.get(`${A}/lessons/${textId()}/learn`);
    assert.equal(text.status, 200, JSON.stringify(text.body));
    assert.match(text.body.html, /<strong>off the floor<\/strong>/);
    assert.doesNotMatch(text.body.html, /<script/);
    assert.equal(text.body.nextLessonId, videoId());
    const video = await alice.get(`${A}/lessons/${videoId()}/learn`);
    assert.equal(video.body.video.embedUrl, "https://www.youtube-nocookie.com/embed/abc");
    assert.equal(video.body.video.captionsUrl, `${A}/lessons/${videoId()}/captions.vtt`);
    assert.equal(video.body.video.transcript, "Hello and welcome.");
  });

  test("a quiz lesson shows its questions and how it is passed, but no right answers or explanations", async () => {
    const quiz = await alice.get(`${A}/lessons/${quizId()}/learn`);
    assert.equal(quiz.status, 200);
    const { questions, ...rest } = quiz.body.quiz;
    assert.deepEqual(rest, {
      passPercent: 60,
      attemptLimit: null,
      attemptsUsed: 0,
      passed: false,
      questionCount: 3,
      openAttemptId: null,
    });
    assert.deepEqual(
      questions.map((q: { kind: string; choices: unknown[] }) => [q.kind, q.choices.length]),
      [
        ["single", 3],
        ["multiple", 3],
        ["short", 0],
      ],
    );
    assert.deepEqual(Object.keys(questions[0]).sort(), ["choices", "id", "kind", "prompt"]);
    const text = JSON.stringify(quiz.body);
    assert.doesNotMatch(text, /5 GHz is less crowded|the play button|"correct"/);
  });
});

describe("progress", () => {
  test("a text lesson completes at 90% read, not at 89%; the course bar counts required lessons only", async () => {
    const p89 = await alice.post(`${A}/progress`, { lessonId: textId(), percent: 89 });
    assert.equal(p89.status, 200, JSON.stringify(p89.body));
    assert.equal(p89.body.completed, false);
    const p90 = await alice.post(`${A}/progress`, { lessonId: textId(), percent: 90 });
    assert.equal(p90.body.completed, true);
    // 1 of 3 required lessons (the optional one does not count).
    assert.equal(p90.body.coursePercent, 33);
    // Lower later reports keep the highest reached.
    const lower = await alice.post(`${A}/progress`, { lessonId: textId(), percent: 10 });
    assert.equal(lower.body.percent, 90);
    const optional = await alice.post(`${A}/progress`, { lessonId: optionalId(), percent: 100 });
    assert.equal(optional.body.coursePercent, 33);
  });

  test("a video resumes where it was left, and the course resumes at the last lesson opened", async () => {
    const r = await alice.post(`${A}/progress`, { lessonId: videoId(), percent: 40, positionSeconds: 48 });
    assert.equal(r.body.completed, false);
    const lesson = await alice.get(`${A}/lessons/${videoId()}/learn`);
    assert.equal(lesson.body.positionSeconds, 48);
    assert.equal(lesson.body.percent, 40);
    const c = await alice.get(`${A}/courses/${course.slug}/learn`);
    assert.equal(c.body.resumeLessonId, videoId());
    assert.equal(c.body.lastLessonId, videoId());
    const byId = await alice.get(`${A}/courses/${course.id}/learn`);
    assert.equal(byId.body.slug, course.slug);
    const watched = await alice.post(`${A}/progress`, {
      lessonId: videoId(),
      percent: 95,
      positionSeconds: 114,
    });
    assert.equal(watched.body.completed, true);
    assert.equal(watched.body.coursePercent, 66);
    const mine = await alice.get(`${A}/enrollments`);
    assert.equal(mine.body.items[0].percent, 66);
    assert.equal(mine.body.items[0].completedAt, null);
  });

  test("progress cannot pass a quiz, and only link lessons complete by being opened", async () => {
    const q = await alice.post(`${A}/progress`, { lessonId: quizId(), percent: 100 });
    assert.equal(q.status, 200);
    assert.equal(q.body.completed, false);
    const opened = await alice.post(`${A}/progress`, { lessonId: textId(), opened: true });
    assert.equal(opened.status, 422);
    assert.equal(opened.body.error.field, "opened");
    const unknownField = await alice.post(`${A}/progress`, { lessonId: textId(), done: true });
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.body.error.field, "done");
    const tooFar = await alice.post(`${A}/progress`, { lessonId: textId(), percent: 101 });
    assert.equal(tooFar.status, 400);
    assert.equal(tooFar.body.error.field, "percent");
  });

  test("a link lesson completes when opened and links to its help article", async () => {
    const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
    const article = await agent.post("/api/v1/help/articles", {
      title: "Update your speaker",
      body: "Open the app.",
      state: "published",
      visibility: "public",
    });
    assert.equal(article.status, 201, JSON.stringify(article.body));
    const c = await seedCourse(server, workspaceId, {
      modules: [[{ kind: "link", linkKind: "article", linkTargetId: article.body.id }]],
    });
    const lesson = await bob.get(`${A}/lessons/${c.lessonIds[0]}/learn`);
    assert.equal(lesson.body.link.url, `/help/articles/${article.body.slug}`);
    const r = await bob.post(`${A}/progress`, { lessonId: c.lessonIds[0], opened: true });
    assert.equal(r.body.completed, true);
    assert.equal(r.body.courseCompleted, true);
    const certs = await scope
      .selectFrom("academy_certificates")
      .select("title")
      .where("course_id", "=", c.id)
      .execute();
    assert.equal(certs.length, 1);
  });
});

describe("who sees whose learning", () => {
  test("customers cannot read another customer's progress; staff can; other workspaces see nothing", async () => {
    const aliceId = await customerIdOf(alice);
    const spy = await bob.get(`${A}/enrollments?customerId=${aliceId}`);
    assert.equal(spy.status, 404);
    const spyCourse = await bob.get(`${A}/courses/${course.slug}/learn?customerId=${aliceId}`);
    assert.equal(spyCourse.status, 404);
    const staff = await agent.get(`${A}/courses/${course.slug}/learn?customerId=${aliceId}`);
    assert.equal(staff.status, 200);
    assert.equal(staff.body.percent, 66);
    const bobsView = await bob.get(`${A}/courses/${course.slug}/learn`);
    assert.equal(bobsView.body.percent, 0);

    const { client: stranger } = await otherWorkspace(server);
    assert.equal((await stranger.get(`${A}/courses/${course.slug}/learn`)).status, 404);
    assert.equal((await stranger.get(`${A}/lessons/${textId()}/learn`)).status, 404);
    assert.equal((await stranger.get(`${A}/enrollments?customerId=${aliceId}`)).status, 404);
    const write = await stranger.post(`${A}/progress`, { lessonId: textId(), percent: 100 });
    assert.equal(write.status, 404);
  });

  test("signed-out callers are refused", async () => {
    const res = await fetch(`${server.url}${A}/enrollments`);
    assert.equal(res.status, 401);
  });
});
