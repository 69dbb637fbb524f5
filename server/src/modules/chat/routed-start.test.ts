import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startChat, visitorSession, widgetFor } from "../../../test/chat-factory.ts";
import { TestClient } from "../../../test/client.ts";
import {
  newAgent,
  newRule,
  newTeam,
  type RoutingWorld,
  startRoutingWorld,
} from "../routing/routing.testkit.ts";

let w: RoutingWorld;

before(async () => {
  w = await startRoutingWorld();
});
after(async () => {
  await w.server.close();
});

// A chat starts through createCase like any case, so routing (rules, round robin, the insert
// that claims the choice) applies to it: a workspace with routing rules must still take chats.
test("a chat starts in a workspace with routing rules, and a rule on channel chat routes it", async () => {
  const dana = await newAgent(w);
  const teamId = await newTeam(w, "Chat desk", [dana]);
  await newRule(w, { conditions: { tag: "nothing-matches" }, teamId, strategy: "round_robin" });
  const widget = await widgetFor(w.server, w.admin);
  const visitor = await visitorSession(new TestClient(w.server.url), widget);
  const { caseId } = await startChat(w.server, visitor, { text: "Routed chat, please", name: "Vera" });
  const routed = await w.admin.get(`/api/v1/cases/${caseId}`);
  assert.equal(routed.status, 200);
  assert.equal(routed.body.channel, "chat");

  await newRule(w, { conditions: { channel: "chat" }, teamId, strategy: "least_loaded" });
  const second = await visitorSession(new TestClient(w.server.url), widget);
  const { caseId: secondId } = await startChat(w.server, second, { text: "Another chat" });
  const c = await w.admin.get(`/api/v1/cases/${secondId}`);
  assert.equal(c.body.team?.id, teamId, "the channel rule routed the chat to its team");
});
