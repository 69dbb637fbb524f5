import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { loadDemo } from "./demo.ts";
import { removeDemoWorkspace } from "./demo-workspace.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

// Read from the tables: what the feedback core's commands wrote for the demo (feedback-demo.ts).
test("the demo's feedback portal has ideas in every status, an explained decline, votes, linked cases and a merge", async () => {
  const { db } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });

  const boards = await db
    .selectFrom("feedback_boards")
    .select(["slug", "visibility"])
    .orderBy("position")
    .execute();
  assert.deepEqual(
    boards.map((b) => `${b.slug}:${b.visibility}`),
    ["app:public", "speakers:public", "routers:customers", "team:staff"],
    "loading twice adds nothing",
  );
  const ideas = await db
    .selectFrom("feedback_ideas")
    .select([
      "id",
      "title",
      "status",
      "status_explanation",
      "merged_into_id",
      "vote_count",
      "requester_count",
      "case_count",
      "comment_count",
    ])
    .execute();
  assert.deepEqual([...new Set(ideas.map((i) => i.status))].sort(), [
    "declined",
    "done",
    "duplicate",
    "in_progress",
    "open",
    "planned",
    "under_review",
  ]);
  const declined = ideas.find((i) => i.status === "declined");
  assert.ok((declined?.status_explanation ?? "").length > 200, "a thoughtful explanation, not a one-liner");

  const why = ideas.find((i) => i.title.includes("Error 1013"));
  assert.equal(why?.case_count, 3, "three sample cases asked for it");
  assert.equal(why?.vote_count, 2);
  assert.equal(why?.requester_count, 3, "Den and Maria voted and have a case: counted once each, with Aiko");
  assert.equal(why?.comment_count, 1);

  const dark = ideas.find((i) => i.title === "Dark mode for the app");
  const night = ideas.find((i) => i.title === "Night theme in the app");
  assert.equal(night?.merged_into_id, dark?.id);
  assert.equal(night?.vote_count, 0, "the duplicate's votes moved");
  assert.equal(dark?.vote_count, 3, "Sam's vote joined Den's and Aiko's");
  const history = await db
    .selectFrom("feedback_status_changes")
    .select("to_status")
    .where("idea_id", "=", why?.id ?? "")
    .orderBy("id")
    .execute();
  assert.deepEqual(
    history.map((h) => h.to_status),
    ["under_review", "planned", "in_progress"],
  );

  // Written through the core: the linked cases' timelines say so, and the story has days in it.
  const linked = await db
    .selectFrom("timeline_events")
    .select("case_id")
    .where("kind", "=", "idea.linked")
    .execute();
  assert.equal(linked.length, 4, "three Error 1013 cases and the guest-network one");
  const answered = await db
    .selectFrom("feedback_ideas")
    .select(["created_at", "status_changed_at"])
    .where("id", "=", why?.id ?? "")
    .executeTakeFirstOrThrow();
  const days = (d: Date | null) => (Date.now() - (d?.getTime() ?? Date.now())) / 86_400_000;
  assert.ok(days(answered.created_at) > 60, "posted weeks ago, not during the load");
  assert.ok(days(answered.status_changed_at) < days(answered.created_at) - 30, "answered later");
  const voters = await db
    .selectFrom("feedback_subscriptions")
    .select("reason")
    .where("idea_id", "=", dark?.id ?? "")
    .execute();
  assert.ok(
    voters.some((v) => v.reason === "merged"),
    "the duplicate's followers follow the original",
  );

  // `rapport demo remove` still takes the whole demo away, feedback and all.
  assert.ok(await inTransaction(db, removeDemoWorkspace));
  assert.equal((await db.selectFrom("feedback_ideas").select("id").execute()).length, 0);
});
