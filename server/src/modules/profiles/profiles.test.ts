import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { startSink } from "../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let other: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url } });
  ({ admin } = await setUpWorkspace(server, "Acme"));
  agent = (await staffClient(server, "agent")).client;
  other = (await staffClient(server, "agent")).client;
});
after(async () => {
  await server.close();
  await sink.close();
});

const profile = {
  displayName: "Dana",
  bio: "Ten years of modems.",
  languages: ["en", "de"],
  signOff: "Cheers, Dana",
};

/** A customer signed in through the link the sink received. */
async function customerSession(email: string) {
  const client = new TestClient(server.url);
  await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  const link = new URL(String(mail.mail.text).match(/https?:\/\/\S+/)?.[0] ?? "");
  assert.equal((await client.get(link.pathname + link.search)).status, 302);
  return client;
}

test("an agent sets their own profile; another agent cannot (403); an admin can", async () => {
  const mine = await agent.put("/api/v1/agents/me/profile", profile);
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.deepEqual(
    { ...mine.body, id: undefined, avatarUrl: undefined },
    { ...profile, id: undefined, avatarUrl: undefined },
  );
  const id = mine.body.id as string;
  const refused = await other.put(`/api/v1/agents/${id}/profile`, { displayName: "Hacked" });
  assert.equal(refused.status, 403);
  assert.equal((await other.get(`/api/v1/agents/${id}/profile`)).body.displayName, "Dana");

  const byAdmin = await admin.put(`/api/v1/agents/${id}/profile`, { ...profile, bio: "Modems and routers." });
  assert.equal(byAdmin.status, 200);
  assert.equal((await agent.get("/api/v1/agents/me/profile")).body.bio, "Modems and routers.");
  assert.equal((await admin.get("/api/v1/agents/00000000-0000-4000-8000-000000000000/profile")).status, 404);
});

test("bad input is refused naming the field", async () => {
  const noName = await agent.put("/api/v1/agents/me/profile", { ...profile, displayName: "  " });
  assert.equal(noName.status, 400);
  assert.equal(noName.body.error.field, "displayName");
  const twoLines = await agent.put("/api/v1/agents/me/profile", {
    ...profile,
    displayName: "Dana\r\nBcc: x@evil.example",
  });
  assert.equal(twoLines.status, 400);
  assert.equal(twoLines.body.error.field, "displayName");
  const badLanguage = await agent.put("/api/v1/agents/me/profile", { ...profile, languages: ["english!"] });
  assert.equal(badLanguage.status, 400);
  assert.match(badLanguage.body.error.field, /^languages/);
});

test("the customer sees the agent's name and photo; email goes From 'Dana at Acme' with the sign-off", async () => {
  await agent.put("/api/v1/me/avatar", { dataBase64: PNG });
  await agent.put("/api/v1/agents/me/profile", profile);
  const email = uniqueEmail("maria");
  const customer = await customerSession(email);
  const c = await customer.post("/api/v1/cases", { subject: "Modem blinks", message: "It blinks red." });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.deepEqual((await customer.get(`/api/v1/cases/${c.body.id}/agent`)).body, { agent: null });

  const reply = await agent.post(`/api/v1/cases/${c.body.id}/messages`, { body: "Please restart it." });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  const seen = await customer.get(`/api/v1/cases/${c.body.id}/agent`);
  assert.equal(seen.body.agent.displayName, "Dana");
  assert.ok(seen.body.agent.avatarUrl);
  const photo = await customer.get(seen.body.agent.avatarUrl);
  assert.equal(photo.status, 200);
  // Someone else's case tells them nothing.
  const stranger = await customerSession(uniqueEmail("olga"));
  assert.equal((await stranger.get(`/api/v1/cases/${c.body.id}/agent`)).status, 404);

  const mail = await eventually(() => sink.received.find((r) => r.mail.text?.includes("Please restart it.")));
  assert.equal(mail.mail.from?.value[0]?.name, "Dana at Acme");
  assert.match(String(mail.mail.text), /Please restart it\.\n\nCheers, Dana/);

  // With "own voice" off, the sign-off is no longer appended; the words are still the agent's.
  assert.equal((await agent.put("/api/v1/settings/agents", { agentPersonality: false })).status, 403);
  assert.equal((await admin.put("/api/v1/settings/agents", { agentPersonality: false })).status, 200);
  await agent.post(`/api/v1/cases/${c.body.id}/messages`, { body: "Any better?" });
  const second = await eventually(() => sink.received.find((r) => r.mail.text?.includes("Any better?")));
  assert.doesNotMatch(String(second.mail.text), /Cheers, Dana/);
  await admin.put("/api/v1/settings/agents", { agentPersonality: true });
});

test("a hostile display name is text: it cannot change the sender's address, and comes back verbatim", async () => {
  const hostile = '<img src=x onerror=alert(1)> "Eve" <eve@attacker.example>';
  const saved = await other.put("/api/v1/agents/me/profile", { displayName: hostile });
  assert.equal(saved.status, 200);
  assert.equal(saved.body.displayName, hostile);
  const email = uniqueEmail("kim");
  const customer = await customerSession(email);
  const c = await customer.post("/api/v1/cases", { subject: "Router", message: "Slow." });
  await other.post(`/api/v1/cases/${c.body.id}/messages`, { body: "Looking into it." });
  const mail = await eventually(() => sink.received.find((r) => r.mail.text?.includes("Looking into it.")));
  const from = mail.mail.from?.value ?? [];
  assert.equal(from.length, 1);
  assert.doesNotMatch(from[0]?.address ?? "", /attacker/);
  assert.equal(from[0]?.name, `${hostile} at Acme`);
});
