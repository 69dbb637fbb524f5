import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import YAML from "yaml";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";

/** A course as one JSON or YAML file: exported whole, imported as a new draft, bad files refused before any write. */
let server: TestServer;
let agent: TestClient;
let other: TestClient;
const A = "/api/v1/academy";
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  await setUpWorkspace(server);
  agent = (await staffClient(server, "agent")).client;
  other = (await otherWorkspace(server)).client;
});
after(() => server.close());

async function buildCourse() {
  const c = await agent.post(`${A}/courses`, {
    title: "Networking and Error 1013",
    summary: "Why speakers drop off Wi-Fi",
    level: "intermediate",
    durationMinutes: 25,
    productModels: ["Aria One", "Aria Max"],
    state: "published",
  });
  const m1 = await agent.post(`${A}/courses/${c.body.id}/modules`, { title: "Causes" });
  const m2 = await agent.post(`${A}/courses/${c.body.id}/modules`, { title: "Check yourself" });
  await agent.post(`${A}/modules/${m1.body.id}/lessons`, {
    title: "What 1013 means",
    kind: "text",
    bodyMd: "The speaker lost the network.",
  });
  await agent.post(`${A}/modules/${m1.body.id}/lessons`, {
    title: "Watch",
    kind: "video",
    videoEmbedUrl: "https://www.youtube.com/embed/xyz",
    captionsVtt: "WEBVTT\n\n00:00.000 --> 00:01.000\nHi",
    transcript: "Hi",
    required: false,
  });
  const quiz = await agent.post(`${A}/modules/${m2.body.id}/lessons`, {
    title: "Quiz",
    kind: "quiz",
    passPercent: 60,
    attemptLimit: 2,
    shuffleQuestions: true,
  });
  await agent.post(`${A}/lessons/${quiz.body.id}/questions`, {
    kind: "single",
    prompt: "1013 is…",
    choices: [
      { id: "a", text: "network" },
      { id: "b", text: "power" },
    ],
    correct: ["a"],
    explanation: "It is the network error.",
  });
  await agent.post(`${A}/lessons/${quiz.body.id}/questions`, {
    kind: "short",
    prompt: "Band?",
    correct: ["5 GHz"],
  });
  return c.body.id as string;
}

/** What must survive a round trip: everything but ids, slug, state and dates. */
function essence(course: any, questions: Record<string, any[]>) {
  return {
    title: course.title,
    summary: course.summary,
    level: course.level,
    durationMinutes: course.durationMinutes,
    productModels: course.productModels,
    isFree: course.isFree,
    modules: course.modules.map((m: any) => ({
      title: m.title,
      lessons: m.lessons.map(({ id, moduleId, courseId, ...l }: any) => ({
        ...l,
        questions: (questions[id] ?? []).map(({ id: _q, lessonId: _l, ...rest }: any) => rest),
      })),
    })),
  };
}
async function essenceOf(courseId: string) {
  const course = (await agent.get(`${A}/courses/${courseId}`)).body;
  const questions: Record<string, any[]> = {};
  for (const m of course.modules)
    for (const l of m.lessons)
      if (l.kind === "quiz") questions[l.id] = (await agent.get(`${A}/lessons/${l.id}/questions`)).body.items;
  return essence(course, questions);
}

describe("export and import", () => {
  test("export → import (JSON) gives an equal course, as a new draft with a free slug", async () => {
    const id = await buildCourse();
    const exported = await agent.get(`${A}/courses/${id}/export?format=json`);
    assert.equal(exported.status, 200);
    assert.match(
      exported.headers.get("content-disposition") ?? "",
      /attachment; filename="networking-and-error-1013\.course\.json"/,
    );
    assert.equal(exported.body.format, "rapport.academy.course");
    assert.deepEqual(
      exported.body.modules[1].lessons[0].questions[0].correct,
      ["a"],
      "answers are in the file",
    );
    const imported = await agent.post(`${A}/courses/import`, exported.body);
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.equal(imported.body.state, "draft");
    assert.equal(imported.body.slug, "networking-and-error-1013-2");
    assert.deepEqual(await essenceOf(imported.body.id), await essenceOf(id));
  });

  test("YAML round trip too", async () => {
    const id = await buildCourse();
    const res = await fetch(`${server.url}${A}/courses/${id}/export?format=yaml`, {
      headers: agent.authHeaders(),
    });
    assert.match(res.headers.get("content-type") ?? "", /^application\/yaml/);
    const yaml = await res.text();
    assert.match(yaml, /^format: rapport\.academy\.course/m);
    assert.deepEqual(YAML.parse(yaml).modules[1].lessons[0].questions[1].correct, ["5 GHz"]);
    const imported = await agent.post(`${A}/courses/import`, yaml, { "content-type": "application/yaml" });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.deepEqual(await essenceOf(imported.body.id), await essenceOf(id));
  });

  test("uploaded videos are left out with a note", async () => {
    const id = await buildCourse();
    const lessonId = (await agent.get(`${A}/courses/${id}`)).body.modules[0].lessons[1].id;
    await q(
      "update academy_lessons set video_storage_key = $2, video_mime = 'video/mp4', video_bytes = 10 where id = $1",
      [lessonId, `${crypto.randomUUID()}/${crypto.randomUUID()}`],
    );
    const file = (await agent.get(`${A}/courses/${id}/export`)).body;
    const lesson = file.modules[0].lessons[1];
    assert.match(lesson.videoNote, /uploaded video/);
    assert.equal(JSON.stringify(file).includes("video_storage_key"), false);
    assert.equal(JSON.stringify(file).includes("/video"), false);
  });

  test("a bad file is a 400 naming the path at fault, and writes nothing", async () => {
    const id = await buildCourse();
    const good = (await agent.get(`${A}/courses/${id}/export`)).body;
    const count = async () => (await q("select count(*)::int as n from academy_courses")).rows[0].n;
    const before = await count();
    const broken = (change: (f: any) => void) => {
      const f = structuredClone(good);
      change(f);
      return f;
    };
    const cases: Array<[any, string]> = [
      [
        broken((f) => {
          f.modules[1].lessons[0].kind = "podcast";
        }),
        "modules.1.lessons.0.kind",
      ],
      [
        broken((f) => {
          f.modules[0].lessons[1].videoEmbedUrl = "https://evil.example/v";
        }),
        "modules.0.lessons.1.videoEmbedUrl",
      ],
      [
        broken((f) => {
          f.modules[0].lessons[1].captionsVtt = "not vtt";
        }),
        "modules.0.lessons.1.captionsVtt",
      ],
      [
        broken((f) => {
          f.modules[1].lessons[0].questions[0].correct = ["a", "b"];
        }),
        "modules.1.lessons.0.questions.0.correct",
      ],
      [
        broken((f) => {
          f.modules[1].lessons[0].questions[0].correct = ["z"];
        }),
        "modules.1.lessons.0.questions.0.correct.0",
      ],
      [
        broken((f) => {
          f.modules[0].lessons[0].questions = f.modules[1].lessons[0].questions;
        }),
        "modules.0.lessons.0.questions",
      ],
      [
        broken((f) => {
          f.modules[0].lessons.push({
            title: "L",
            kind: "link",
            linkKind: "article",
            linkTargetId: crypto.randomUUID(),
          });
        }),
        "modules.0.lessons.2.linkTargetId",
      ],
      [
        broken((f) => {
          f.course.title = "";
        }),
        "course.title",
      ],
      [
        broken((f) => {
          f.course.owner = "me";
        }),
        "course.owner",
      ],
      [
        broken((f) => {
          f.format = "something.else";
        }),
        "format",
      ],
    ];
    for (const [file, field] of cases) {
      const res = await agent.post(`${A}/courses/import`, file);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const notYaml = await agent.post(`${A}/courses/import`, "format: [unclosed", {
      "content-type": "application/yaml",
    });
    assert.equal(notYaml.status, 400);
    assert.equal(notYaml.body.error.field, "body");
    const notJson = await agent.post(`${A}/courses/import`, "{nope", { "content-type": "application/json" });
    assert.equal(notJson.status, 400);
    assert.equal(await count(), before, "nothing was written");
  });

  test("a file over 5 MB is refused before it is read", async () => {
    const res = await agent.post(`${A}/courses/import`, {
      format: "rapport.academy.course",
      pad: "x".repeat(6 * 1024 * 1024),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "body_too_large");
  });

  test("only authors export or import; another workspace's course is 404", async () => {
    const id = await buildCourse();
    assert.equal((await other.get(`${A}/courses/${id}/export`)).status, 404);
    const customer = (await customerClient(server)).client;
    assert.equal((await customer.get(`${A}/courses/${id}/export`)).status, 403);
    assert.equal((await customer.post(`${A}/courses/import`, {})).status, 403);
  });
});
