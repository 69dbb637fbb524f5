import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo's agents have profiles with bios and sign-offs, and personal and team snippets, once", async () => {
  const { db } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });

  const profiles = await db
    .selectFrom("agent_profiles")
    .select(["display_name", "bio", "sign_off"])
    .orderBy("display_name")
    .execute();
  assert.deepEqual(
    profiles.map((p) => p.display_name),
    ["Dana", "Marco", "Priya"],
  );
  assert.ok(profiles.every((p) => p.bio.length > 0 && p.sign_off.length > 0));

  const snippets = await db.selectFrom("snippets").select(["title", "owner_id", "team_id"]).execute();
  assert.equal(snippets.length, 4, "loading twice adds nothing");
  assert.equal(snippets.filter((s) => s.owner_id).length, 2);
  assert.equal(snippets.filter((s) => s.team_id).length, 2);
});
