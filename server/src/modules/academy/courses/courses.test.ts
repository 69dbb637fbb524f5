import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  A,
  admin,
  agent,
  course,
  customer,
  engineerLike,
  lesson,
  mod,
  other,
  q,
  refused,
  withAuthoringServer,
} from "./courses.testkit.ts";

/** Authoring through HTTP: who may author, what a course holds, and the rules that keep lessons sound. */
withAuthoringServer();

describe("courses", () => {
  test("an agent creates a free draft course with a slug from its title; slugs stay unique", async () => {
    const c = await course({
      summary: "Placement, pairing and sound",
      productModels: ["Aria One"],
      level: "beginner",
    });
    assert.equal(c.slug, "getting-the-most-from-your-speakers");
    assert.equal(c.state, "draft");
    assert.equal(c.isFree, true);
    assert.equal(c.publishedAt, null);
    assert.deepEqual(c.productModels, ["Aria One"]);
    const again = await course();
    assert.equal(again.slug, "getting-the-most-from-your-speakers-2", "a title used twice gets a free slug");
    refused(await agent.post(`${A}/courses`, { title: "X", slug: c.slug }), 409, "slug");
    refused(await agent.patch(`${A}/courses/${again.id}`, { slug: c.slug }), 409, "slug");
    refused(await agent.post(`${A}/courses`, { title: "X", slug: "Not A Slug" }), 400, "slug");
    refused(await agent.post(`${A}/courses`, { title: "X", level: "expert" }), 400, "level");
    refused(await agent.post(`${A}/courses`, { title: "X", price: 10 }), 400, "price");
    refused(await agent.post(`${A}/courses`, { title: "" }), 400, "title");

    const list = await agent.get(`${A}/courses`);
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((i: any) => i.id === c.id && i.lessonCount === 0 && i.state === "draft"));
  });

  test("publishing stamps the date once and is audited; archive and republish keep it", async () => {
    const c = await course({ title: "Networking basics" });
    const pub = await agent.patch(`${A}/courses/${c.id}`, { state: "published" });
    assert.equal(pub.status, 200, JSON.stringify(pub.body));
    assert.ok(pub.body.publishedAt);
    await agent.patch(`${A}/courses/${c.id}`, { state: "archived" });
    const again = await agent.patch(`${A}/courses/${c.id}`, { state: "published" });
    assert.equal(again.body.publishedAt, pub.body.publishedAt);
    const { rows } = await q("select action from audit_log where subject_id = $1 order by created_at, id", [
      c.id,
    ]);
    assert.deepEqual(
      rows.map((r) => r.action),
      [
        "academy.course.created",
        "academy.course.published",
        "academy.course.archived",
        "academy.course.published",
      ],
    );
  });

  test("customers are refused (403); staff without academy.manage too; other workspaces see 404", async () => {
    const c = await course({ title: "Private draft" });
    assert.equal((await customer.get(`${A}/courses`)).status, 403);
    assert.equal((await customer.post(`${A}/courses`, { title: "Hack" })).status, 403);
    assert.equal((await engineerLike.get(`${A}/courses`)).status, 403);
    assert.equal((await admin.get(`${A}/courses/${c.id}`)).status, 200, "admins author too");
    assert.equal((await other.get(`${A}/courses/${c.id}`)).status, 404);
    assert.equal((await other.patch(`${A}/courses/${c.id}`, { title: "Mine" })).status, 404);
    assert.equal((await other.delete(`${A}/courses/${c.id}`)).status, 404);
    assert.equal((await other.post(`${A}/courses/${c.id}/modules`, { title: "M" })).status, 404);
    assert.ok(!(await other.get(`${A}/courses`)).body.items.some((i: any) => i.id === c.id));
    const m = await mod(c.id);
    const l = await lesson(m.id, { title: "Hi", kind: "text" });
    assert.equal((await other.get(`${A}/lessons/${l.id}`)).status, 404);
    assert.equal((await other.patch(`${A}/lessons/${l.id}`, { title: "x" })).status, 404);
    assert.equal(
      (await other.post(`${A}/modules/${m.id}/lessons`, { title: "x", kind: "text" })).status,
      404,
    );
    assert.equal((await other.delete(`${A}/modules/${m.id}`)).status, 404);
    assert.equal(
      (await agent.get(`${A}/courses/${c.id}`)).body.modules[0].lessons.length,
      1,
      "nothing changed",
    );
  });

  test("deleting a course removes its modules, lessons and questions", async () => {
    const c = await course({ title: "Short lived" });
    const m = await mod(c.id);
    const quiz = await lesson(m.id, { title: "Check", kind: "quiz" });
    await agent.post(`${A}/lessons/${quiz.id}/questions`, {
      kind: "short",
      prompt: "Say hi",
      correct: ["hi"],
    });
    assert.equal((await agent.delete(`${A}/courses/${c.id}`)).status, 204);
    assert.equal((await agent.get(`${A}/courses/${c.id}`)).status, 404);
    assert.equal((await agent.get(`${A}/lessons/${quiz.id}`)).status, 404);
    const { rows } = await q("select count(*)::int as n from academy_quiz_questions where lesson_id = $1", [
      quiz.id,
    ]);
    assert.equal(rows[0].n, 0);
  });
});

describe("lessons", () => {
  test("every kind is created in order within its module; a quiz gets a pass mark of 80 by default", async () => {
    const c = await course({ title: "All the kinds" });
    const m = await mod(c.id);
    const text = await lesson(m.id, { title: "Read me", kind: "text", bodyMd: "# Hello\n\n![pic](/x.png)" });
    const video = await lesson(m.id, {
      title: "Watch me",
      kind: "video",
      videoEmbedUrl: "https://www.youtube-nocookie.com/embed/abc",
      captionsVtt: "WEBVTT\n\n00:00.000 --> 00:01.000\nHello",
      transcript: "Hello",
    });
    const quiz = await lesson(m.id, {
      title: "Test me",
      kind: "quiz",
      attemptLimit: 3,
      shuffleChoices: true,
    });
    const optional = await lesson(m.id, { title: "Extra", kind: "text", required: false });
    assert.deepEqual([text.position, video.position, quiz.position, optional.position], [0, 1, 2, 3]);
    assert.equal(quiz.passPercent, 80);
    assert.equal(quiz.attemptLimit, 3);
    assert.equal(quiz.shuffleChoices, true);
    assert.equal(optional.required, false);
    assert.equal(video.videoUrl, null, "no upload yet");
    const full = await agent.get(`${A}/courses/${c.id}`);
    assert.deepEqual(
      full.body.modules[0].lessons.map((l: any) => l.title),
      ["Read me", "Watch me", "Test me", "Extra"],
    );
    assert.equal(full.body.lessonCount, 4);
  });

  test("embeds only over https from the allowed hosts, naming videoEmbedUrl", async () => {
    const m = await mod((await course({ title: "Embeds" })).id);
    for (const url of [
      "http://www.youtube.com/embed/abc",
      "https://evil.example/embed/abc",
      "https://youtube.com.evil.example/x",
      "javascript:alert(1)",
      "not a url",
    ])
      refused(
        await agent.post(`${A}/modules/${m.id}/lessons`, { title: "V", kind: "video", videoEmbedUrl: url }),
        422,
        "videoEmbedUrl",
      );
    const ok = await lesson(m.id, {
      title: "V",
      kind: "video",
      videoEmbedUrl: "https://player.vimeo.com/video/1",
    });
    refused(
      await agent.patch(`${A}/lessons/${ok.id}`, { videoEmbedUrl: "https://vimeo.evil/1" }),
      422,
      "videoEmbedUrl",
    );
    assert.equal(
      (await agent.get(`${A}/lessons/${ok.id}`)).body.videoEmbedUrl,
      "https://player.vimeo.com/video/1",
    );
  });

  test("captions must be WebVTT (422 naming captionsVtt)", async () => {
    const m = await mod((await course({ title: "Captions" })).id);
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, {
        title: "V",
        kind: "video",
        captionsVtt: "1\n00:00:00,000 --> 00:00:01,000\nSRT, not VTT",
      }),
      422,
      "captionsVtt",
    );
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, {
        title: "V",
        kind: "video",
        captionsVtt: "WEBVTTX\n",
      }),
      422,
      "captionsVtt",
    );
    await lesson(m.id, { title: "V", kind: "video", captionsVtt: "\uFEFFWEBVTT - with a header\n\n" });
  });

  test("a link lesson names an article or playbook of this workspace (422 naming linkTargetId)", async () => {
    const m = await mod((await course({ title: "Links" })).id);
    const article = await agent.post("/api/v1/help/articles", {
      title: "Error 1013",
      body: "It means the network dropped.",
      state: "published",
      visibility: "public",
    });
    assert.equal(article.status, 201, JSON.stringify(article.body));
    const ok = await lesson(m.id, {
      title: "Read the article",
      kind: "link",
      linkKind: "article",
      linkTargetId: article.body.id,
    });
    assert.equal(ok.linkTargetId, article.body.id);
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, {
        title: "L",
        kind: "link",
        linkKind: "playbook",
        linkTargetId: article.body.id,
      }),
      422,
      "linkTargetId",
    );
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, { title: "L", kind: "link", linkKind: "article" }),
      422,
      "linkTargetId",
    );
    refused(await agent.post(`${A}/modules/${m.id}/lessons`, { title: "L", kind: "link" }), 422, "linkKind");
    // An article of another workspace is not this workspace's.
    const theirs = await other.post("/api/v1/help/articles", {
      title: "Theirs",
      body: "x",
      state: "draft",
      visibility: "public",
    });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, {
        title: "L",
        kind: "link",
        linkKind: "article",
        linkTargetId: theirs.body.id,
      }),
      422,
      "linkTargetId",
    );
    refused(await agent.patch(`${A}/lessons/${ok.id}`, { linkTargetId: null }), 422, "linkTargetId");
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, {
        title: "T",
        kind: "text",
        linkKind: "article",
        linkTargetId: article.body.id,
      }),
      422,
      "linkKind",
    );
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, { title: "S", kind: "session" }),
      422,
      "sessionId",
    );
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, {
        title: "S",
        kind: "session",
        sessionId: crypto.randomUUID(),
      }),
      422,
      "sessionId",
    );
    refused(
      await agent.post(`${A}/modules/${m.id}/lessons`, { title: "Q", kind: "quiz", passPercent: 101 }),
      400,
      "passPercent",
    );
    refused(await agent.post(`${A}/modules/${m.id}/lessons`, { title: "Q", kind: "podcast" }), 400, "kind");
  });
});

describe("quiz questions", () => {
  test("single, multiple and short questions are stored with their answers, in order", async () => {
    const m = await mod((await course({ title: "Quizzes" })).id);
    const quiz = await lesson(m.id, { title: "Check", kind: "quiz", passPercent: 50 });
    const choices = [
      { id: "a", text: "Wi-Fi dropped" },
      { id: "b", text: "Speaker muted" },
      { id: "c", text: "Firmware too old" },
    ];
    const single = await agent.post(`${A}/lessons/${quiz.id}/questions`, {
      kind: "single",
      prompt: "What does Error 1013 mean?",
      choices,
      correct: ["a"],
      explanation: "1013 is the network error.",
    });
    assert.equal(single.status, 201, JSON.stringify(single.body));
    const multiple = await agent.post(`${A}/lessons/${quiz.id}/questions`, {
      kind: "multiple",
      prompt: "Causes?",
      choices,
      correct: ["a", "c"],
    });
    assert.equal(multiple.status, 201, JSON.stringify(multiple.body));
    const short = await agent.post(`${A}/lessons/${quiz.id}/questions`, {
      kind: "short",
      prompt: "Which band?",
      correct: ["5 GHz", "5GHz"],
    });
    assert.equal(short.status, 201, JSON.stringify(short.body));
    const list = await agent.get(`${A}/lessons/${quiz.id}/questions`);
    assert.deepEqual(
      list.body.items.map((i: any) => [i.kind, i.position]),
      [
        ["single", 0],
        ["multiple", 1],
        ["short", 2],
      ],
    );
    assert.deepEqual(list.body.items[0].correct, ["a"]);
    assert.equal(list.body.items[0].explanation, "1013 is the network error.");

    const patched = await agent.patch(`${A}/lessons/${quiz.id}/questions/${single.body.id}`, {
      prompt: "What is 1013?",
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(patched.body.choices, choices, "a patch keeps what it does not name");
    assert.equal((await agent.delete(`${A}/lessons/${quiz.id}/questions/${multiple.body.id}`)).status, 204);
    assert.equal((await agent.get(`${A}/lessons/${quiz.id}/questions`)).body.items.length, 2);
    assert.equal((await other.get(`${A}/lessons/${quiz.id}/questions`)).status, 404);
    assert.equal((await customer.get(`${A}/lessons/${quiz.id}/questions`)).status, 403);
  });

  test("answerless or contradictory questions are refused naming the field", async () => {
    const m = await mod((await course({ title: "Bad quizzes" })).id);
    const quiz = await lesson(m.id, { title: "Check", kind: "quiz" });
    const ab = [
      { id: "a", text: "A" },
      { id: "b", text: "B" },
    ];
    const post = (body: Record<string, unknown>) =>
      agent.post(`${A}/lessons/${quiz.id}/questions`, { prompt: "?", ...body });
    refused(await post({ kind: "single", choices: ab, correct: ["a", "b"] }), 422, "correct");
    refused(await post({ kind: "single", choices: ab, correct: [] }), 422, "correct");
    refused(await post({ kind: "single", choices: ab, correct: ["z"] }), 422, "correct.0");
    refused(await post({ kind: "multiple", choices: ab, correct: [] }), 422, "correct");
    refused(
      await post({ kind: "multiple", choices: [{ id: "a", text: "A" }], correct: ["a"] }),
      422,
      "choices",
    );
    refused(
      await post({ kind: "multiple", choices: [...ab, { id: "a", text: "again" }], correct: ["a"] }),
      422,
      "choices.2.id",
    );
    refused(await post({ kind: "short", choices: ab, correct: ["x"] }), 422, "choices");
    refused(await post({ kind: "short", correct: [] }), 422, "correct");
    refused(await post({ kind: "essay", correct: ["x"] }), 400, "kind");
    const ok = await post({ kind: "single", choices: ab, correct: ["a"] });
    assert.equal(ok.status, 201);
    refused(
      await agent.patch(`${A}/lessons/${quiz.id}/questions/${ok.body.id}`, { correct: ["a", "b"] }),
      422,
      "correct",
    );
    const text = await lesson(m.id, { title: "Not a quiz", kind: "text" });
    refused(
      await agent.post(`${A}/lessons/${text.id}/questions`, { kind: "short", prompt: "?", correct: ["x"] }),
      422,
      "lessonId",
    );
  });
});

describe("preview", () => {
  test("staff see the course as a learner would: rendered, sanitised, quizzes without answers", async () => {
    const c = await course({ title: "Preview me" });
    const m = await mod(c.id);
    await lesson(m.id, { title: "Read", kind: "text", bodyMd: "**Bold** <script>alert(1)</script>" });
    const quiz = await lesson(m.id, { title: "Quiz", kind: "quiz" });
    await agent.post(`${A}/lessons/${quiz.id}/questions`, {
      kind: "single",
      prompt: "Pick",
      choices: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
      correct: ["b"],
      explanation: "Because B",
    });
    const res = await agent.get(`${A}/courses/${c.id}/preview`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [read, qz] = res.body.modules[0].lessons;
    assert.match(read.bodyHtml, /<strong>Bold<\/strong>/);
    assert.doesNotMatch(read.bodyHtml, /<script/);
    const sent = JSON.stringify(qz);
    assert.doesNotMatch(sent, /correct|Because B/);
    assert.equal(qz.questions[0].choices.length, 2);
    const { rows } = await q("select count(*)::int as n from academy_lesson_progress where course_id = $1", [
      c.id,
    ]);
    assert.equal(rows[0].n, 0, "previewing records no progress");
    assert.equal((await customer.get(`${A}/courses/${c.id}/preview`)).status, 403);
  });
});
