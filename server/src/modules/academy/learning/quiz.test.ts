import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { customerIdOf, questionIds, seedCourse, speakerQuiz } from "./academy.testkit.ts";

/** Quiz attempts: graded on the server, answers hidden until submitted, layouts stable, limits held under load. */
let server: TestServer;
let workspaceId: string;
let agent: TestClient;
/** Each test takes a fresh quiz, so customers can be shared (the magic-link limit allows few sign-ins). */
let alice: TestClient;
let bob: TestClient;
const A = "/api/v1/academy";

before(async () => {
  server = await startTestServer();
  ({ workspaceId } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: alice } = await customerClient(server));
  ({ client: bob } = await customerClient(server));
});
after(() => server.close());

async function quizCourse(overrides = {}) {
  const c = await seedCourse(server, workspaceId, { modules: [[speakerQuiz(overrides)]] });
  const lessonId = c.lessonIds[0] as string;
  const [single, multiple, short] = questionIds(c, 0, 0);
  return { course: c, lessonId, q: { single, multiple, short } };
}

describe("grading", () => {
  test("questions arrive without answers; the result grades single, multiple and short answers and explains", async () => {
    const client = alice;
    const { lessonId, q } = await quizCourse();
    const start = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    assert.equal(start.status, 201, JSON.stringify(start.body));
    const raw = JSON.stringify(start.body);
    assert.doesNotMatch(raw, /correct|explanation|5 GHz is less crowded|the play button/);
    assert.equal(start.body.questions.length, 3);

    const wrong = await client.post(`${A}/quizzes/${lessonId}/attempts/${start.body.id}/submit`, {
      answers: { [q.single]: ["a"], [q.multiple]: ["a"], [q.short]: "the volume" },
    });
    assert.equal(wrong.status, 200, JSON.stringify(wrong.body));
    assert.equal(wrong.body.scorePercent, 0);
    assert.equal(wrong.body.passed, false);
    assert.equal(wrong.body.lessonCompleted, false);
    const single = wrong.body.questions.find((x: { id: string }) => x.id === q.single);
    assert.deepEqual(single.rightAnswer, ["b"]);
    assert.equal(single.explanation, "5 GHz is less crowded.");

    const again = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    assert.equal(again.body.attemptNumber, 2);
    // Multiple choice needs exactly the right set; short answers ignore case and spacing.
    const right = await client.post(`${A}/quizzes/${lessonId}/attempts/${again.body.id}/submit`, {
      answers: { [q.single]: ["b"], [q.multiple]: ["b", "a"], [q.short]: "  The   PLAY button " },
    });
    assert.equal(right.body.scorePercent, 100);
    assert.equal(right.body.passed, true);
    assert.equal(right.body.lessonCompleted, true);
    assert.equal(right.body.courseCompleted, true);

    const list = await client.get(`${A}/quizzes/${lessonId}/attempts`);
    assert.deepEqual(
      list.body.items.map((a: { scorePercent: number; passed: boolean }) => [a.scorePercent, a.passed]),
      [
        [0, false],
        [100, true],
      ],
    );
    const stored = await server.runtime.ctx.db
      .selectFrom("academy_quiz_answers")
      .select(["question_id", "correct"])
      .where("attempt_id", "=", again.body.id)
      .execute();
    assert.equal(stored.length, 3);
    assert.ok(stored.every((s) => s.correct));
  });

  test("the pass mark decides: 2 of 3 right (66%) fails a 70% quiz; unanswered questions count as wrong", async () => {
    const client = alice;
    const { lessonId, q } = await quizCourse({ passPercent: 70 });
    const start = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    const res = await client.post(`${A}/quizzes/${lessonId}/attempts/${start.body.id}/submit`, {
      answers: { [q.single]: ["b"], [q.multiple]: ["a", "b"] },
    });
    assert.equal(res.body.scorePercent, 66);
    assert.equal(res.body.passed, false);
  });

  test("answers naming unknown questions or choices are refused, naming the field, and spend nothing", async () => {
    const client = alice;
    const { lessonId, q } = await quizCourse();
    const start = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    const url = `${A}/quizzes/${lessonId}/attempts/${start.body.id}/submit`;
    const unknownQ = await client.post(url, { answers: { "not-a-question": ["a"] } });
    assert.equal(unknownQ.status, 400);
    assert.equal(unknownQ.body.error.field, "answers.not-a-question");
    const unknownChoice = await client.post(url, { answers: { [q.single]: ["z"] } });
    assert.equal(unknownChoice.status, 400);
    assert.equal(unknownChoice.body.error.field, `answers.${q.single}`);
    const twoForSingle = await client.post(url, { answers: { [q.single]: ["a", "b"] } });
    assert.equal(twoForSingle.status, 400);
    const textForChoice = await client.post(url, { answers: { [q.multiple]: "a" } });
    assert.equal(textForChoice.body.error.field, `answers.${q.multiple}`);
    const noAnswers = await client.post(url, {});
    assert.equal(noAnswers.status, 400);
    assert.equal(noAnswers.body.error.field, "answers");
    // The attempt is still open: a valid submission now counts.
    const ok = await client.post(url, { answers: { [q.single]: ["b"] } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.scorePercent, 33);
  });
});

describe("layout", () => {
  test("a shuffled quiz keeps the order it was shown in for the whole attempt, and records it", async () => {
    const client = alice;
    const c = await seedCourse(server, workspaceId, {
      modules: [
        [
          {
            kind: "quiz",
            passPercent: 50,
            shuffleQuestions: true,
            shuffleChoices: true,
            questions: Array.from({ length: 8 }, (_, i) => ({
              kind: "single" as const,
              prompt: `Question ${i}`,
              choices: ["a", "b", "c", "d", "e", "f"].map((id) => ({ id, text: `Choice ${id}` })),
              correct: ["a"],
            })),
          },
        ],
      ],
    });
    const lessonId = c.lessonIds[0] as string;
    const first = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    const order = (b: { questions: Array<{ id: string; choices: Array<{ id: string }> }> }) =>
      b.questions.map((x) => `${x.id}:${x.choices.map((ch) => ch.id).join("")}`);
    const reopened = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    assert.equal(reopened.body.id, first.body.id);
    assert.deepEqual(order(reopened.body), order(first.body));
    const row = await server.runtime.ctx.db
      .selectFrom("academy_quiz_attempts")
      .select("layout")
      .where("id", "=", first.body.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      row.layout.questions,
      first.body.questions.map((x: { id: string }) => x.id),
    );
    // 8 questions of 6 choices shown in authoring order by chance: about 1 in 10^26.
    const authored = c.modules[0]?.lessons[0]?.questions.map((id) => `${id}:abcdef`);
    assert.notDeepEqual(order(first.body), authored);
  });
});

describe("attempt limit", () => {
  test("parallel starts make one attempt; parallel submissions grade it once; the limit then holds", async () => {
    const client = alice;
    const { lessonId, q } = await quizCourse({ attemptLimit: 1 });
    const starts = await Promise.all(
      Array.from({ length: 6 }, () => client.post(`${A}/quizzes/${lessonId}/attempts`)),
    );
    assert.ok(
      starts.every((s) => s.status === 201),
      JSON.stringify(starts.map((s) => s.body)),
    );
    assert.equal(new Set(starts.map((s) => s.body.id)).size, 1);
    const attemptId = starts[0]?.body.id as string;
    const submits = await Promise.all(
      Array.from({ length: 6 }, () =>
        client.post(`${A}/quizzes/${lessonId}/attempts/${attemptId}/submit`, {
          answers: { [q.single]: ["a"] },
        }),
      ),
    );
    assert.deepEqual(submits.map((s) => s.status).sort(), [200, 409, 409, 409, 409, 409]);
    assert.ok(submits.filter((s) => s.status === 409).every((s) => s.body.error.field === "attempts"));
    const over = await client.post(`${A}/quizzes/${lessonId}/attempts`);
    assert.equal(over.status, 409);
    assert.equal(over.body.error.field, "attempts");
    const rows = await server.runtime.ctx.db
      .selectFrom("academy_quiz_attempts")
      .select("id")
      .where("lesson_id", "=", lessonId)
      .execute();
    assert.equal(rows.length, 1);
  });

  test("with a limit of 3, parallel start-and-submit rounds never make a fourth attempt", async () => {
    const client = alice;
    const { lessonId, q } = await quizCourse({ attemptLimit: 3 });
    const round = async () => {
      const s = await client.post(`${A}/quizzes/${lessonId}/attempts`);
      if (s.status !== 201) return s.status;
      const r = await client.post(`${A}/quizzes/${lessonId}/attempts/${s.body.id}/submit`, {
        answers: { [q.single]: ["a"] },
      });
      return r.status;
    };
    await Promise.all(Array.from({ length: 10 }, round));
    const rows = await server.runtime.ctx.db
      .selectFrom("academy_quiz_attempts")
      .select(["attempt_number", "submitted_at"])
      .where("lesson_id", "=", lessonId)
      .orderBy("attempt_number")
      .execute();
    assert.ok(rows.length <= 3, `made ${rows.length} attempts`);
    assert.deepEqual(
      rows.map((r) => r.attempt_number),
      rows.map((_, i) => i + 1),
    );
  });
});

describe("who may", () => {
  test("another customer cannot submit or list someone's attempt; staff can list with ?customerId=; other workspaces see no quiz", async () => {
    const { lessonId, q } = await quizCourse();
    const start = await alice.post(`${A}/quizzes/${lessonId}/attempts`);
    const steal = await bob.post(`${A}/quizzes/${lessonId}/attempts/${start.body.id}/submit`, {
      answers: { [q.single]: ["b"] },
    });
    assert.equal(steal.status, 404);
    const aliceId = await customerIdOf(alice);
    assert.equal((await bob.get(`${A}/quizzes/${lessonId}/attempts?customerId=${aliceId}`)).status, 404);
    const staff = await agent.get(`${A}/quizzes/${lessonId}/attempts?customerId=${aliceId}`);
    assert.equal(staff.status, 200);
    assert.equal(staff.body.items.length, 1);
    const { client: stranger } = await otherWorkspace(server);
    assert.equal((await stranger.post(`${A}/quizzes/${lessonId}/attempts`)).status, 404);
    const notQuiz = await seedCourse(server, workspaceId, { modules: [[{ kind: "text" }]] });
    const n = await alice.post(`${A}/quizzes/${notQuiz.lessonIds[0]}/attempts`);
    assert.equal(n.status, 422);
    assert.equal(n.body.error.field, "lessonId");
  });
});
