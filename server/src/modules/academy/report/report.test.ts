import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { AcademyKit, day, monthStart, plusDays } from "./academy.testkit.ts";

/**
 * The academy report on a small known data set (workspace one), and trained against untrained
 * customers on a larger one (workspace two): 40 trained and 40 untrained customers in one
 * month, whose contact rate and retention differ clearly and whose repeat contacts do not.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let other: TestClient;
let kit: AcademyKit;
let kit2: AcademyKit;
const now = new Date();
const inRange = plusDays(monthStart(1), 3);
const beforeRange = plusDays(monthStart(8), 3);
const RANGE = `from=${day(monthStart(5))}&to=${day(now)}`;
const questions: string[] = [];

async function workspaceOfEmail(email: string) {
  const { rows } = await server.runtime.ctx.pool.query(
    `select m.workspace_id from memberships m join auth."user" u on u.id = m.user_id where u.email = $1`,
    [email],
  );
  return rows[0].workspace_id as string;
}

before(async () => {
  server = await startTestServer();
  const setup = await setUpWorkspace(server);
  admin = setup.admin;
  ({ client: agent } = await staffClient(server, "agent"));
  kit = new AcademyKit(server.runtime.ctx.db, setup.workspaceId);
  const o = await otherWorkspace(server);
  other = o.client;
  kit2 = new AcademyKit(server.runtime.ctx.db, await workspaceOfEmail(o.email));

  // Workspace one: a course of three lessons in two modules, four learners enrolled in the range.
  const course = await kit.course("Speaker basics", [
    [{ title: "Unboxing" }, { title: "Placement" }],
    [{ title: "Check yourself", kind: "quiz" }],
  ]);
  await kit.course("Networking", [[{ title: "Error 1013" }]]);
  await kit.course("Unfinished draft", [[{ title: "Soon" }]], "draft");
  const [l1, l2, l3] = course.lessons as [string, string, string];
  const [c1, c2, c3, c4, early] = [
    await kit.customer(),
    await kit.customer(),
    await kit.customer(),
    await kit.customer(),
    await kit.customer(),
  ] as [string, string, string, string, string];
  await kit.enroll(course.id, c1, inRange);
  await kit.progress(course.id, l1, c1);
  await kit.enroll(course.id, c2, inRange);
  await kit.progress(course.id, l1, c2, true);
  await kit.progress(course.id, l2, c2);
  await kit.enroll(course.id, c3, inRange, plusDays(inRange, 2));
  for (const l of [l1, l2, l3]) await kit.progress(course.id, l, c3, true);
  await kit.enroll(course.id, c4, inRange);
  await kit.enroll(course.id, early, beforeRange, plusDays(beforeRange, 1));

  for (const p of [
    "Is bass port facing the wall fine?",
    "Does the sub need its own outlet?",
    "Is it a speaker?",
  ])
    questions.push(await kit.question(l3, p, questions.length + 1));
  const [q1, q2, q3] = questions as [string, string, string];
  await kit.attempt(l3, c1, inRange, [
    [q1, false],
    [q2, false],
    [q3, true],
  ]);
  await kit.attempt(l3, c2, inRange, [
    [q1, false],
    [q2, true],
    [q3, true],
  ]);
  await kit.attempt(l3, c3, inRange, [
    [q1, false],
    [q2, true],
    [q3, true],
  ]);
  await kit.attempt(l3, early, beforeRange, [
    [q1, true],
    [q2, true],
    [q3, false],
  ]);

  const session = await kit.session(inRange);
  await kit.register(session, c1, inRange, true);
  await kit.register(session, c2, inRange, true);
  await kit.register(session, c3, inRange, false);
  await kit.register(await kit.session(beforeRange), c4, beforeRange, true);
  await server.runtime.ctx.pool.query(
    `insert into academy_certificates (workspace_id, customer_id, course_id, code, learner_name, title, issued_at)
     values ($1, $2, $3, 'AAAA-BBBB-CCCC-DDDD', 'C3', 'Speaker basics', $4),
            ($1, $5, $3, 'AAAA-BBBB-CCCC-EEEE', 'Early', 'Speaker basics', $6)`,
    [setup.workspaceId, c3, course.id, plusDays(inRange, 2), early, plusDays(beforeRange, 1)],
  );
});
after(() => server.close());

describe("academy report: what happened in the range", () => {
  test("totals, completion rate per course, drop-off by lesson and the most failed questions", async () => {
    const res = await admin.get(`/api/v1/academy/report?${RANGE}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body;
    assert.deepEqual(r.totals, {
      registrations: 3,
      attended: 2,
      enrollments: 4,
      completions: 1,
      certificatesIssued: 1,
    });
    const basics = r.courses.find((c: { title: string }) => c.title === "Speaker basics");
    assert.deepEqual(
      [basics.enrollments, basics.completed, basics.completionRate, basics.tooFew],
      [4, 1, 0.25, true],
    );
    const networking = r.courses.find((c: { title: string }) => c.title === "Networking");
    assert.deepEqual([networking.enrollments, networking.completionRate], [0, null]);
    assert.ok(!r.courses.some((c: { title: string }) => c.title === "Unfinished draft"));

    assert.equal(r.dropOff.length, 1, "only courses with learners in the range");
    const drop = r.dropOff[0];
    assert.equal(drop.notStarted, 1);
    assert.deepEqual(
      drop.lessons.map((l: { order: number; title: string; reached: number; stoppedHere: number }) => [
        l.order,
        l.title,
        l.reached,
        l.stoppedHere,
      ]),
      [
        [1, "Unboxing", 3, 1],
        [2, "Placement", 2, 1],
        [3, "Check yourself", 1, 0],
      ],
    );

    assert.deepEqual(
      r.failedQuestions.map((q: { prompt: string; answers: number; wrong: number; wrongShare: number }) => [
        q.prompt,
        q.answers,
        q.wrong,
        q.wrongShare,
      ]),
      [
        ["Is bass port facing the wall fine?", 3, 3, 1],
        ["Does the sub need its own outlet?", 3, 1, 0.3333],
      ],
      "the question failed only before the range is not listed",
    );
  });

  test("agents who run the academy may read it; customers may not; ranges are checked", async () => {
    assert.equal((await agent.get(`/api/v1/academy/report?${RANGE}`)).status, 200);
    const { client: customer } = await customerClient(server);
    assert.equal((await customer.get(`/api/v1/academy/report?${RANGE}`)).status, 403);
    const backwards = await admin.get("/api/v1/academy/report?from=2026-02-01&to=2026-01-01");
    assert.deepEqual([backwards.status, backwards.body.error.field], [400, "to"]);
    const long = await admin.get("/api/v1/academy/report?from=2020-01-01&to=2026-01-01");
    assert.deepEqual([long.status, long.body.error.field], [400, "to"]);
    const bad = await admin.get("/api/v1/academy/report?from=2026-13-01&to=2026-12-01");
    assert.deepEqual([bad.status, bad.body.error.field], [400, "from"]);
  });
});

describe("trained against untrained", () => {
  const M = monthStart(4);
  const SMALL = monthStart(3);
  const monthRange = (m: Date) =>
    `from=${day(m)}&to=${day(plusDays(new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1)), -1))}`;
  const inMonth = (k: number, d: number) =>
    plusDays(new Date(Date.UTC(M.getUTCFullYear(), M.getUTCMonth() + k, 1)), d);

  before(async () => {
    const course = await kit2.course("Getting the most from your speakers", [[{ title: "Placement" }]]);
    for (let i = 0; i < 40; i++) {
      // Trained in month M (a completed course); 8 of them write once the month after, each a repeat.
      const t = await kit2.customer("Trained", plusDays(M, -200));
      await kit2.enroll(course.id, t, inMonth(0, 4), inMonth(0, 5));
      await kit2.lifecycle(t, "subscribed", plusDays(M, -30));
      if (i < 2) await kit2.lifecycle(t, "churned", inMonth(2, 10));
      if (i < 8) {
        const [kase] = await kit2.cases(t, [inMonth(1, 3)]);
        await kit2.repeat(kase as string, t, inMonth(1, 4));
      }
      // Created in month M and never trained: three cases in the first two months after; 10 repeat.
      const u = await kit2.customer("Untrained", inMonth(0, 3));
      await kit2.lifecycle(u, "subscribed", inMonth(0, 3));
      if (i < 20) await kit2.lifecycle(u, "churned", inMonth(1, 10));
      const cases = await kit2.cases(u, [inMonth(1, 2), inMonth(1, 20), inMonth(2, 5)]);
      if (i < 10) await kit2.repeat(cases[2] as string, u, inMonth(2, 6));
    }
    // A month with 5 and 5: trained by attending a live session.
    const session = await kit2.session(plusDays(SMALL, 5));
    for (let i = 0; i < 5; i++) {
      const t = await kit2.customer("Attendee", plusDays(SMALL, -100));
      await kit2.register(session, t, plusDays(SMALL, 1), true);
      await kit2.customer("Newcomer", plusDays(SMALL, 2));
    }
  });

  test("40 against 40: fewer contacts and better retention are told, repeat contacts are not enough data", async () => {
    const res = await other.get(`/api/v1/academy/report?${monthRange(M)}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const t = res.body.trained;
    assert.deepEqual(t.cohorts, [{ month: M.toISOString().slice(0, 7), trained: 40, untrained: 40 }]);
    const by = Object.fromEntries(t.comparisons.map((c: { metric: string }) => [c.metric, c]));

    // Three months after M have ended: trained average 8 cases / (40 × 3 months); untrained 3 / 3.
    assert.deepEqual(by.contactRate.trained, { n: 40, value: 0.0667 });
    assert.deepEqual(by.contactRate.untrained, { n: 40, value: 1 });
    assert.equal(by.contactRate.verdict, "trainedLower");
    assert.ok(by.contactRate.high < 0);

    assert.deepEqual(by.repeatContacts.trained, { n: 40, value: 0.2 });
    assert.deepEqual(by.repeatContacts.untrained, { n: 40, value: 0.25 });
    assert.equal(by.repeatContacts.verdict, "notEnoughData", "0.2 against 0.25 with 40 a side");
    assert.ok(by.repeatContacts.low < 0 && by.repeatContacts.high > 0);

    assert.deepEqual(by.retention.trained, { n: 40, value: 0.95 });
    assert.deepEqual(by.retention.untrained, { n: 40, value: 0.5 });
    assert.equal(by.retention.verdict, "trainedHigher");
    assert.equal(by.retention.difference, 0.45);

    assert.deepEqual(
      t.contactCurve.map(
        (p: { offset: number; trained: { value: number }; untrained: { value: number } }) => [
          p.offset,
          p.trained.value,
          p.untrained.value,
        ],
      ),
      [
        [1, 0.2, 2],
        [2, 0, 1],
        [3, 0, 0],
      ],
    );
    assert.deepEqual(
      t.retentionCurve.map(
        (p: { offset: number; trained: { value: number }; untrained: { value: number } }) => [
          p.offset,
          p.trained.value,
          p.untrained.value,
        ],
      ),
      [
        [1, 1, 0.5],
        [2, 0.95, 0.5],
        [3, 0.95, 0.5],
      ],
    );
  });

  test("5 against 5: sizes shown, no values, every comparison 'not enough data to tell'", async () => {
    const res = await other.get(`/api/v1/academy/report?${monthRange(SMALL)}`);
    const t = res.body.trained;
    assert.deepEqual(t.cohorts, [{ month: SMALL.toISOString().slice(0, 7), trained: 5, untrained: 5 }]);
    for (const c of t.comparisons) {
      assert.equal(c.verdict, "notEnoughData", c.metric);
      assert.equal(c.difference, null);
      if (c.metric !== "retention")
        assert.deepEqual(
          [c.trained, c.untrained],
          [
            { n: 5, value: null },
            { n: 5, value: null },
          ],
        );
    }
  });

  test("each workspace sees only its own academy", async () => {
    const theirs = (await other.get(`/api/v1/academy/report?${RANGE}`)).body;
    assert.equal(theirs.failedQuestions.length, 0);
    assert.ok(!theirs.courses.some((c: { title: string }) => c.title === "Speaker basics"));
    const ours = (await admin.get(`/api/v1/academy/report?${monthRange(M)}`)).body;
    assert.deepEqual(ours.trained.cohorts, [], "workspace two's customers are not ours");
  });
});

describe("retention's trained split uses the academy", () => {
  test("a customer who completed a course, or has the academy_trained fact, counts as trained", async () => {
    const course = await kit.course("Room tuning", [[{ title: "Measuring" }]]);
    const start = monthStart(2);
    const [graduate, byFact, untrained] = [await kit.customer(), await kit.customer(), await kit.customer()];
    for (const c of [graduate, byFact, untrained]) await kit.lifecycle(c, "subscribed", plusDays(start, -40));
    await kit.enroll(course.id, graduate, plusDays(start, 2), plusDays(start, 3));
    await server.runtime.ctx.pool.query(
      `insert into facts (workspace_id, customer_id, key, value) values ($1, $2, 'academy_trained', 'true')`,
      [kit.scope.workspaceId, byFact],
    );
    const d = (await admin.get(`/api/v1/retention/dashboard?from=${day(start)}&to=${day(now)}`)).body;
    const trained = d.splits.find((s: { split: string }) => s.split === "trained").groups;
    const size = (key: string) => trained.find((g: { key: string }) => g.key === key).customers;
    assert.deepEqual([size("yes"), size("no")], [2, 1]);
  });
});
