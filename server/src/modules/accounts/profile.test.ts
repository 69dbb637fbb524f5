import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { PASSWORD, setUpWorkspace, signIn, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** Each person's profile: name, picture, UI language, password. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
let server: TestServer;
let admin: TestClient;
let adminEmail: string;
before(async () => {
  server = await startTestServer();
  ({ admin, adminEmail } = await setUpWorkspace(server));
});
after(() => server.close());

test("a person changes their name and language; /me follows at once", async () => {
  const res = await admin.patch("/api/v1/me/profile", { name: "Ada Lovelace", locale: "en-GB" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, { name: "Ada Lovelace", email: adminEmail, locale: "en-GB", avatarUrl: null });
  const me = await admin.get("/api/v1/me");
  assert.equal(me.body.user.name, "Ada Lovelace");
  assert.equal(me.body.locale, "en-GB");
  const back = await admin.patch("/api/v1/me/profile", { locale: null });
  assert.equal(back.body.locale, null, "null follows the workspace's language");
});

test("bad profile input is refused naming the field", async () => {
  for (const [body, field] of [
    [{ name: "  " }, "name"],
    [{ locale: "klingon" }, "locale"],
    [{ email: "x@y.test" }, ""],
  ] as const) {
    const res = await admin.patch("/api/v1/me/profile", body);
    assert.equal(res.status, 400);
    if (field) assert.equal(res.body.error.field, field);
  }
  assert.equal((await new TestClient(server.url).get("/api/v1/me/profile")).status, 401);
});

test("a picture is uploaded, served to its owner, and removed", async () => {
  const bad = await admin.request("PUT", "/api/v1/me/avatar", {
    dataBase64: Buffer.from("hello").toString("base64"),
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "dataBase64");
  const res = await admin.request("PUT", "/api/v1/me/avatar", { dataBase64: PNG });
  assert.equal(res.status, 200);
  const pic = await fetch(`${server.url}${res.body.avatarUrl}`, {
    headers: { cookie: admin.cookieHeader() },
  });
  assert.equal(pic.headers.get("content-type"), "image/png");
  assert.equal((await admin.delete("/api/v1/me/avatar")).body.avatarUrl, null);
});

test("changing the password needs the current one; the new one signs in", async () => {
  const wrong = await admin.post("/api/v1/me/password", {
    currentPassword: "not-my-password",
    newPassword: "a-brand-new-secret",
  });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, "currentPassword");
  const short = await admin.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword: "short" });
  assert.equal(short.status, 400);
  assert.equal(short.body.error.field, "newPassword");
  const { client: tokenClient } = await staffClient(server, "agent");
  const viaToken = await tokenClient.post("/api/v1/me/password", {
    currentPassword: PASSWORD,
    newPassword: "a-brand-new-secret",
  });
  assert.equal(viaToken.status, 403, "a token cannot change a password");

  const ok = await admin.post("/api/v1/me/password", {
    currentPassword: PASSWORD,
    newPassword: "a-brand-new-secret",
  });
  assert.equal(ok.status, 204, JSON.stringify(ok.body));
  assert.equal((await admin.get("/api/v1/me")).status, 200, "this session stays signed in");
  const old = await new TestClient(server.url).post("/api/auth/sign-in/email", {
    email: adminEmail,
    password: PASSWORD,
  });
  assert.equal(old.status, 401);
  await signIn(new TestClient(server.url), adminEmail, "a-brand-new-secret");
});
