import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import WebSocket from "ws";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { routerPlaybook } from "../../playbooks/fixtures.ts";
import { recordLessonProgress } from "../progress/completion.ts";
import { seedCourse } from "./support.testkit.ts";

/**
 * The academy tied to support (issue #21): an agent finds a lesson by a word of its text,
 * suggests it in a reply, and when the customer completes it the case hears of it once; the
 * customer panel's training; lessons recommended by articles and playbook outcomes.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let workspaceId: string;
let lessons: string[];
let draftLesson: string;
let customer: { client: TestClient; id: string; caseId: string };

async function complete(lessonId: string) {
  return server.runtime.ctx.db.transaction().execute((tx) =>
    recordLessonProgress(new TenantScope(tx, workspaceId), {
      customerId: customer.id,
      lessonId,
      percent: 100,
    }),
  );
}

async function caseTimeline(kind: string) {
  const res = await agent.get(`/api/v1/cases/${customer.caseId}/timeline?limit=200`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.items as Array<{ kind: string; data: Record<string, unknown> }>).filter(
    (e) => e.kind === kind,
  );
}

async function reply(body: string) {
  const res = await agent.post(`/api/v1/cases/${customer.caseId}/messages`, { body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
  ({ lessonIds: lessons } = await seedCourse(server, workspaceId, {
    slug: "speakers",
    title: "Getting the most from your speakers",
    state: "published",
    lessons: [
      { title: "Placing your speakers", body: "Keep them away from walls; the bass booms otherwise." },
      { title: "Joining Wi-Fi", body: "Error 1013 means the router refused the handshake." },
    ],
  }));
  ({
    lessonIds: [draftLesson = ""],
  } = await seedCourse(server, workspaceId, {
    slug: "unfinished",
    title: "Unfinished",
    state: "draft",
    lessons: [{ title: "Handshake secrets", body: "More about the handshake of routers." }],
  }));
  const c = await customerClient(server, "learner@example.com");
  const opened = await c.client.post("/api/v1/cases", {
    subject: "Wi-Fi drops",
    message: "Error 1013 again",
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const row = await sql<{
    customer_id: string;
  }>`select customer_id from cases where id = ${opened.body.id}`.execute(server.runtime.ctx.db);
  customer = { client: c.client, id: row.rows[0]?.customer_id as string, caseId: opened.body.id };
});
after(() => server.close());

describe("lesson search (the composer's picker)", () => {
  test("finds a lesson by a word of its body, prefixes included, never a draft course's", async () => {
    const res = await agent.get("/api/v1/academy/lessons/search?q=handsh");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.items.map((i: { lessonTitle: string }) => i.lessonTitle),
      ["Joining Wi-Fi"],
      "the draft course's lesson says 'handshake' too",
    );
    const hit = res.body.items[0];
    assert.equal(hit.courseTitle, "Getting the most from your speakers");
    assert.equal(hit.href, `/portal/academy/courses/speakers?lesson=${lessons[1]}`);
    assert.match(hit.excerpt, /handshake/);
    const none = await agent.get("/api/v1/academy/lessons/search?q=%27%3A*%20%26%20!");
    assert.equal(none.status, 200, "tsquery syntax in the query is only text");
    assert.deepEqual(none.body.items, []);
  });

  test("an empty query is a 400 naming q; customers may not search", async () => {
    const res = await agent.get("/api/v1/academy/lessons/search?q=");
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, "q");
    assert.equal((await customer.client.get("/api/v1/academy/lessons/search?q=wifi")).status, 403);
  });
});

describe("a suggested lesson", () => {
  test("recording needs the lesson's link in a reply of that case", async () => {
    const note = await agent.post(`/api/v1/cases/${customer.caseId}/messages`, {
      body: `see /portal/academy/courses/speakers?lesson=${lessons[1]}`,
      kind: "note",
    });
    const asNote = await agent.post(`/api/v1/cases/${customer.caseId}/lesson-suggestions`, {
      messageId: note.body.id,
      lessonIds: [lessons[1]],
    });
    assert.equal(asNote.status, 422);
    assert.equal(asNote.body.error.field, "messageId");

    const plain = await reply("Try restarting the router.");
    const noLink = await agent.post(`/api/v1/cases/${customer.caseId}/lesson-suggestions`, {
      messageId: plain,
      lessonIds: [lessons[1]],
    });
    assert.equal(noLink.status, 422);
    assert.equal(noLink.body.error.field, "lessonIds");

    const draft = await reply(`Read /portal/academy/courses/unfinished?lesson=${draftLesson}`);
    const asDraft = await agent.post(`/api/v1/cases/${customer.caseId}/lesson-suggestions`, {
      messageId: draft,
      lessonIds: [draftLesson],
    });
    assert.equal(asDraft.status, 422, "a draft course's lesson cannot be opened by the customer");
    assert.equal(asDraft.body.error.field, "lessonIds");
    assert.equal((await caseTimeline("academy.lesson_suggested")).length, 0, "nothing half-recorded");
  });

  test("is recorded on send (once) and completing it lands on the case timeline exactly once", async () => {
    const sent = await reply(
      `This explains it: [Joining Wi-Fi](/portal/academy/courses/speakers?lesson=${lessons[1]})`,
    );
    for (let i = 0; i < 2; i++) {
      const res = await agent.post(`/api/v1/cases/${customer.caseId}/lesson-suggestions`, {
        messageId: sent,
        lessonIds: [lessons[1]],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.items.length, 1);
      assert.equal(res.body.items[0].completedAt, null);
    }
    const suggested = await caseTimeline("academy.lesson_suggested");
    assert.equal(suggested.length, 1, "recording the same send twice appends once");
    assert.equal(suggested[0]?.data.lessonTitle, "Joining Wi-Fi");

    const first = await complete(lessons[1] as string);
    assert.equal(first.lessonNewlyCompleted, true);
    await complete(lessons[1] as string);
    const completed = await caseTimeline("academy.lesson_completed");
    assert.equal(completed.length, 1);
    assert.deepEqual(completed[0]?.data, {
      lessonId: lessons[1],
      lessonTitle: "Joining Wi-Fi",
      courseTitle: "Getting the most from your speakers",
      suggested: true,
    });
    const listed = await agent.get(`/api/v1/cases/${customer.caseId}/lesson-suggestions`);
    assert.notEqual(listed.body.items[0].completedAt, null);
  });

  test("a lesson nobody suggested goes on the customer's timeline only", async () => {
    await complete(lessons[0] as string);
    assert.equal((await caseTimeline("academy.lesson_completed")).length, 1, "still the suggested one only");
    // Suggested afterwards: shown as done already, and the case is not told of an old completion.
    const late = await reply(`Also /portal/academy/courses/speakers?lesson=${lessons[0]}`);
    const recorded = await agent.post(`/api/v1/cases/${customer.caseId}/lesson-suggestions`, {
      messageId: late,
      lessonIds: [lessons[0]],
    });
    assert.equal(recorded.body.items[0].lessonTitle, "Placing your speakers");
    assert.notEqual(recorded.body.items[0].completedAt, null);
    assert.equal((await caseTimeline("academy.lesson_completed")).length, 1);
    const res = await agent.get(`/api/v1/customers/${customer.id}/timeline?limit=200`);
    const own = res.body.items.filter(
      (e: { kind: string; data: { lessonId: string } }) =>
        e.kind === "academy.lesson_completed" && e.data.lessonId === lessons[0],
    );
    assert.equal(own.length, 1);
    assert.equal(own[0].data.suggested, false);
    assert.equal(own[0].caseId ?? null, null);
  });
});

describe("live", () => {
  test("agents hear of a recorded suggestion and of its completion on the case, customers do not", async () => {
    const {
      lessonIds: [third = ""],
    } = await seedCourse(server, workspaceId, {
      slug: "live-course",
      title: "Live course",
      state: "published",
      lessons: [{ title: "Resetting", body: "Hold the reset button." }],
    });
    const listen = (cookie: string) => {
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
        headers: { cookie, origin: server.url },
      });
      const got: Array<Record<string, unknown>> = [];
      ws.on("message", (d) => got.push(JSON.parse(d.toString())));
      return { ws, got };
    };
    const staff = listen(admin.cookieHeader());
    const learner = listen(customer.client.cookieHeader());
    await eventually(() => (staff.got.length && learner.got.length ? true : undefined));

    const sent = await reply(`Try [Resetting](/portal/academy/courses/live-course?lesson=${third})`);
    const res = await agent.post(`/api/v1/cases/${customer.caseId}/lesson-suggestions`, {
      messageId: sent,
      lessonIds: [third],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await eventually(() =>
      staff.got.find((m) => m.type === "case.updated" && m.caseId === customer.caseId) ? true : undefined,
    );
    await complete(third);
    const heard = await eventually(() => staff.got.find((m) => m.type === "academy.lesson_completed"));
    assert.deepEqual(heard, {
      type: "academy.lesson_completed",
      caseId: customer.caseId,
      customerId: customer.id,
      lessonId: third,
    });
    assert.ok(!learner.got.some((m) => m.type === "academy.lesson_completed"), "a staff event only");
    staff.ws.close();
    learner.ws.close();
  });
});

describe("the customer's training", () => {
  test("courses with their percent or completion, certificates (revoked marked), sessions", async () => {
    const db = server.runtime.ctx.db;
    await sql`insert into academy_certificates (workspace_id, customer_id, course_id, code, learner_name, title, revoked_at, revoked_reason)
              values (${workspaceId}, ${customer.id}, null, 'REVOKED-CODE-0001', 'L', 'Old certificate', now(), 'Issued by mistake')`.execute(
      db,
    );
    const session = await sql<{ id: string }>`
      insert into academy_sessions (workspace_id, slug, title, starts_at, host_time_zone, duration_minutes, capacity)
      values (${workspaceId}, 'live-q', 'Live Q&A', now() - interval '1 day', 'Europe/Berlin', 60, 10) returning id`.execute(
      db,
    );
    await sql`insert into academy_registrations (workspace_id, session_id, customer_id, status, attended)
              values (${workspaceId}, ${session.rows[0]?.id}, ${customer.id}, 'confirmed', true)`.execute(db);

    const {
      lessonIds: [half = ""],
    } = await seedCourse(server, workspaceId, {
      slug: "halfway",
      title: "Halfway",
      state: "published",
      lessons: [
        { title: "One", body: "First." },
        { title: "Two", body: "Second." },
      ],
    });
    await complete(half);

    const res = await agent.get(`/api/v1/customers/${customer.id}/training`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const halfway = res.body.courses.find((c: { slug: string }) => c.slug === "halfway");
    assert.equal(halfway.percent, 50, "one of two required lessons");
    assert.equal(halfway.completedAt, null);
    const speakers = res.body.courses.find((c: { slug: string }) => c.slug === "speakers");
    assert.equal(speakers.title, "Getting the most from your speakers");
    assert.equal(speakers.percent, 100);
    assert.notEqual(speakers.completedAt, null, "both lessons done: the course is complete");
    assert.equal(res.body.certificates[0].verifyHref, "/academy/verify/REVOKED-CODE-0001");
    assert.notEqual(res.body.certificates[0].revokedAt, null);
    assert.equal(res.body.certificates[0].revokedReason, "Issued by mistake", "staff see why it was revoked");
    assert.deepEqual(
      res.body.sessions.map((s: { title: string; attended: boolean }) => [s.title, s.attended]),
      [["Live Q&A", true]],
    );
    assert.deepEqual(
      res.body.suggestions.map((x: { lessonTitle: string; completedAt: string | null }) => [
        x.lessonTitle,
        !!x.completedAt,
      ]),
      [
        ["Resetting", true],
        ["Placing your speakers", true],
        ["Joining Wi-Fi", true],
      ],
    );
  });

  test("staff only, and another workspace's customer is a 404", async () => {
    assert.equal((await customer.client.get(`/api/v1/customers/${customer.id}/training`)).status, 403);
    const other = await otherWorkspace(server);
    const res = await other.client.get(`/api/v1/customers/${customer.id}/training`);
    assert.equal(res.status, 404);
    const search = await other.client.get("/api/v1/academy/lessons/search?q=handshake");
    assert.deepEqual(search.body.items, [], "another workspace's lessons are never found");
  });
});

describe("recommended lessons", () => {
  test("a help article recommends a lesson; the public article shows it; unknown lesson 422", async () => {
    const art = await admin.post("/api/v1/help/articles", {
      title: "Fixing Error 1013",
      body: "Restart the router.",
      state: "published",
      visibility: "public",
    });
    assert.equal(art.status, 201, JSON.stringify(art.body));
    const path = `/api/v1/academy/recommendations/articles/${art.body.id}`;
    const unknown = await admin.put(path, { lessonId: "00000000-0000-4000-8000-000000000000" });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error.field, "lessonId");
    const draft = await admin.put(path, { lessonId: draftLesson });
    assert.equal(draft.status, 422);
    assert.equal(draft.body.error.field, "lessonId");
    assert.equal(
      (await customer.client.put(path, { lessonId: lessons[1] })).status,
      403,
      "customers do not manage help",
    );

    const set = await admin.put(path, { lessonId: lessons[1] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.lesson.lessonTitle, "Joining Wi-Fi");
    const pub = await customer.client.get(
      `/api/v1/academy/public/articles/${art.body.id}/recommended-lesson`,
    );
    assert.equal(pub.body.lesson.href, `/portal/academy/courses/speakers?lesson=${lessons[1]}`);

    assert.equal((await admin.delete(path)).status, 204);
    assert.equal((await admin.get(path)).body.lesson, null);
  });

  test("a playbook's outcome step recommends a lesson; other steps are a 422 naming stepId", async () => {
    const pb = await admin.post("/api/v1/playbooks", { slug: "wifi-drops", definition: routerPlaybook() });
    if (pb.status !== 201) return assert.fail(`playbook not created: ${JSON.stringify(pb.body)}`);
    const base = `/api/v1/academy/recommendations/playbooks/${pb.body.id}/outcomes`;
    const notOutcome = await admin.put(`${base}/lights`, { lessonId: lessons[1] });
    assert.equal(notOutcome.status, 422);
    assert.equal(notOutcome.body.error.field, "stepId");
    const set = await admin.put(`${base}/fixed`, { lessonId: lessons[0] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const read = await customer.client.get(`${base}/fixed`);
    assert.equal(
      read.body.lesson.lessonTitle,
      "Placing your speakers",
      "a self-service run's customer reads it",
    );
    const other = await otherWorkspace(server);
    assert.equal((await other.client.put(`${base}/fixed`, { lessonId: lessons[0] })).status, 404);
  });
});
