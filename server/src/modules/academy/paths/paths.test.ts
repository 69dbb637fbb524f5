import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import {
  customerClient,
  otherWorkspace,
  setUpWorkspace,
  staffClient,
  uniqueEmail,
} from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { recordLessonProgress } from "../progress/completion.ts";
import { AcademyKit } from "../report/academy.testkit.ts";

/**
 * Learning paths: staff build them from courses in order; a learner reads one with their
 * progress; finishing the last course of a published path issues the path certificate, once.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let workspaceId: string;
let kit: AcademyKit;
let basics: { id: string; lessons: string[] };
let advanced: { id: string; lessons: string[] };
let draft: { id: string; lessons: string[] };

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  kit = new AcademyKit(server.runtime.ctx.db, workspaceId);
  basics = await kit.course("Speaker basics", [[{ title: "Unboxing" }, { title: "Placement" }]]);
  advanced = await kit.course("Room tuning", [
    [{ title: "Measuring" }],
    [{ title: "Optional extras", required: false }],
  ]);
  draft = await kit.course("Not ready yet", [[{ title: "Soon" }]], "draft");
});
after(() => server.close());

/** Progress through the one place that decides completion, in a transaction as a route would. */
function complete(customerId: string, lessonId: string) {
  return server.runtime.ctx.db
    .transaction()
    .execute((tx) =>
      recordLessonProgress(new TenantScope(tx, workspaceId), { customerId, lessonId, percent: 100 }),
    );
}

async function pathCertificates(customerId: string, pathId: string) {
  const { rows } = await server.runtime.ctx.pool.query(
    "select code, title from academy_certificates where customer_id = $1 and path_id = $2",
    [customerId, pathId],
  );
  return rows as Array<{ code: string; title: string }>;
}

/** A portal customer (signing in makes their customer record) and that record's id. */
async function learner() {
  const email = uniqueEmail("learner");
  const { client } = await customerClient(server, email);
  const { rows } = await server.runtime.ctx.pool.query(
    `select c.id from customers c join auth."user" u on u.id = c.user_id where u.email = $1`,
    [email],
  );
  assert.equal(rows.length, 1);
  return { client, id: rows[0].id as string };
}

describe("learning paths", () => {
  test("a path keeps its courses in the order given; unknown or repeated courses are 422 on courseIds", async () => {
    const created = await agent.post("/api/v1/academy/paths", {
      slug: "home-cinema",
      title: "Home cinema",
      courseIds: [advanced.id, basics.id],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(
      created.body.courses.map((c: { title: string; position: number }) => [c.position, c.title]),
      [
        [1, "Room tuning"],
        [2, "Speaker basics"],
      ],
    );
    assert.equal(created.body.state, "draft");
    const choices = (await agent.get("/api/v1/academy/paths/courses")).body.items;
    assert.deepEqual(
      choices.map((c: { title: string; state: string }) => [c.title, c.state]),
      [
        ["Not ready yet", "draft"],
        ["Room tuning", "published"],
        ["Speaker basics", "published"],
      ],
    );

    const repeated = await agent.post("/api/v1/academy/paths", {
      slug: "twice",
      title: "Twice",
      courseIds: [basics.id, basics.id],
    });
    assert.deepEqual([repeated.status, repeated.body.error.field], [422, "courseIds"]);
    const unknown = await agent.post("/api/v1/academy/paths", {
      slug: "ghost",
      title: "Ghost",
      courseIds: ["00000000-0000-4000-8000-000000000000"],
    });
    assert.deepEqual([unknown.status, unknown.body.error.field], [422, "courseIds"]);
    const taken = await agent.post("/api/v1/academy/paths", {
      slug: "home-cinema",
      title: "Again",
      courseIds: [],
    });
    assert.deepEqual([taken.status, taken.body.error.field], [409, "slug"]);
    const badSlug = await agent.post("/api/v1/academy/paths", {
      slug: "Home Cinema",
      title: "X",
      courseIds: [],
    });
    assert.deepEqual([badSlug.status, badSlug.body.error.field], [400, "slug"]);
    const extra = await agent.post("/api/v1/academy/paths", {
      slug: "x",
      title: "X",
      courseIds: [],
      price: 5,
    });
    assert.equal(extra.status, 400);
    assert.equal((await agent.get("/api/v1/academy/paths")).body.items.length, 1, "nothing half-written");

    const reordered = await agent.patch(`/api/v1/academy/paths/${created.body.id}`, {
      courseIds: [basics.id, advanced.id],
    });
    assert.deepEqual(
      reordered.body.courses.map((c: { title: string }) => c.title),
      ["Speaker basics", "Room tuning"],
    );
  });

  test("a path with a draft course cannot be published; without it, it can", async () => {
    const path = await admin.post("/api/v1/academy/paths", {
      slug: "with-draft",
      title: "With a draft",
      courseIds: [basics.id, draft.id],
    });
    const refused = await admin.post(`/api/v1/academy/paths/${path.body.id}/publish`);
    assert.deepEqual([refused.status, refused.body.error.field], [422, "courseIds"]);
    await admin.patch(`/api/v1/academy/paths/${path.body.id}`, { courseIds: [basics.id] });
    const published = await admin.post(`/api/v1/academy/paths/${path.body.id}/publish`);
    assert.equal(published.body.state, "published");
    const archived = await admin.post(`/api/v1/academy/paths/${path.body.id}/archive`);
    assert.equal(archived.body.state, "archived");
  });

  test("finishing the last course of a published path issues its certificate once, and the learner sees it", async () => {
    const path = await admin.post("/api/v1/academy/paths", {
      slug: "audiophile",
      title: "Audiophile path",
      courseIds: [basics.id, advanced.id],
    });
    assert.equal((await admin.post(`/api/v1/academy/paths/${path.body.id}/publish`)).status, 200);
    const { client, id: lena } = await learner();

    await complete(lena, basics.lessons[0] as string);
    const midway = await client.get(`/api/v1/academy/paths/${path.body.id}`);
    assert.equal(midway.status, 200, JSON.stringify(midway.body));
    assert.deepEqual(
      midway.body.courses.map((c: { progress: { completedLessons: number; requiredLessons: number } }) => [
        c.progress.completedLessons,
        c.progress.requiredLessons,
      ]),
      [
        [1, 2],
        [0, 1],
      ],
    );
    assert.equal(midway.body.completed, false);

    await complete(lena, basics.lessons[1] as string);
    assert.equal(
      (await pathCertificates(lena, path.body.id)).length,
      0,
      "one course of two: no path certificate",
    );
    const last = await complete(lena, advanced.lessons[0] as string);
    assert.equal(last.courseNewlyCompleted, true, "the optional lesson does not hold the course back");
    const certs = await pathCertificates(lena, path.body.id);
    assert.deepEqual(
      certs.map((c) => c.title),
      ["Audiophile path"],
    );

    // Later progress (the optional lesson) and a second path over the same courses change nothing here.
    await complete(lena, advanced.lessons[1] as string);
    assert.equal((await pathCertificates(lena, path.body.id)).length, 1);
    const done = await client.get(`/api/v1/academy/paths/${path.body.id}`);
    assert.equal(done.body.completed, true);
    assert.equal(done.body.certificateCode, certs[0]?.code);

    const del = await admin.delete(`/api/v1/academy/paths/${path.body.id}`);
    assert.deepEqual([del.status, del.body.error.code], [409, "conflict"], "certificates name their path");
  });

  test("the last two courses completed at the same moment, in two transactions, still issue one certificate", async () => {
    const left = await kit.course("Left channel", [[{ title: "Wiring left" }]]);
    const right = await kit.course("Right channel", [[{ title: "Wiring right" }]]);
    const path = await admin.post("/api/v1/academy/paths", {
      slug: "stereo",
      title: "Stereo",
      courseIds: [left.id, right.id],
    });
    await admin.post(`/api/v1/academy/paths/${path.body.id}/publish`);
    for (let round = 0; round < 3; round++) {
      const { id: learnerId } = await learner();
      const results = await Promise.all([
        complete(learnerId, left.lessons[0] as string),
        complete(learnerId, right.lessons[0] as string),
      ]);
      assert.ok(results.every((r) => r.courseNewlyCompleted));
      assert.equal((await pathCertificates(learnerId, path.body.id)).length, 1, `round ${round}`);
    }
  });

  test("a draft path's course completions issue no path certificate, and learners cannot see it", async () => {
    const path = await admin.post("/api/v1/academy/paths", {
      slug: "still-draft",
      title: "Still a draft",
      courseIds: [basics.id],
    });
    const { client, id: max } = await learner();
    await complete(max, basics.lessons[0] as string);
    await complete(max, basics.lessons[1] as string);
    assert.equal((await pathCertificates(max, path.body.id)).length, 0);
    assert.equal((await client.get(`/api/v1/academy/paths/${path.body.id}`)).status, 404);
    assert.equal(
      (await client.post("/api/v1/academy/paths", { slug: "mine", title: "Mine", courseIds: [] })).status,
      403,
    );
    assert.equal((await client.get("/api/v1/academy/paths")).status, 403);
    assert.equal((await admin.delete(`/api/v1/academy/paths/${path.body.id}`)).status, 204);
  });

  test("another workspace's path answers 404, and its courses cannot be put in a path", async () => {
    const { client: other } = await otherWorkspace(server);
    const ours = (await admin.get("/api/v1/academy/paths")).body.items[0];
    assert.equal((await other.get(`/api/v1/academy/paths/${ours.id}`)).status, 404);
    assert.equal((await other.patch(`/api/v1/academy/paths/${ours.id}`, { title: "Mine" })).status, 404);
    assert.equal((await other.post(`/api/v1/academy/paths/${ours.id}/publish`)).status, 404);
    assert.equal((await other.delete(`/api/v1/academy/paths/${ours.id}`)).status, 404);
    const theirs = await other.post("/api/v1/academy/paths", {
      slug: "x",
      title: "X",
      courseIds: [basics.id],
    });
    assert.deepEqual([theirs.status, theirs.body.error.field], [422, "courseIds"]);
    assert.equal((await other.get("/api/v1/academy/paths")).body.items.length, 0);
  });
});
