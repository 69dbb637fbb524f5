import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

describe("API conventions", () => {
  test("health answers ok once the app is ready", async () => {
    const res = await new TestClient(server.url).get("/api/health");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: "ok" });
  });

  test("the OpenAPI 3.1 document is generated from the contracts and lists every public route", async () => {
    const res = await new TestClient(server.url).get("/api/v1/openapi.json");
    assert.equal(res.status, 200);
    const doc = res.body;
    assert.equal(doc.openapi, "3.1.0");
    assert.equal(doc.info.title, "Rapport API");
    for (const path of [
      "/api/v1/setup",
      "/api/v1/me",
      "/api/v1/tokens",
      "/api/v1/tokens/{id}",
      "/api/v1/members",
    ]) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    const create = doc.paths["/api/v1/tokens"].post;
    const body = create.requestBody.content["application/json"].schema;
    assert.deepEqual(body.required, ["name"]);
    assert.equal(body.additionalProperties, false, "unknown fields are documented as refused");
    assert.ok(create.responses["401"], "error responses are documented");
    assert.ok(doc.components.securitySchemes.bearerAuth);
    // Every reference resolves: a dangling one breaks every client generated from the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    const dangling = [...new Set(refs)].filter((name) => !doc.components.schemas?.[name as string]);
    assert.deepEqual(dangling, [], "references to schemas the document does not contain");
  });

  test("interactive docs are served at /api/docs", async () => {
    const res = await fetch(`${server.url}/api/docs`, { redirect: "follow" });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await res.text(), /swagger/i);
  });

  test("every response carries a request id, and a sane caller-supplied one is kept", async () => {
    const generated = await admin.get("/api/v1/me");
    assert.match(generated.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const given = await admin.get("/api/v1/me", { "x-request-id": "integration-abc-123" });
    assert.equal(given.headers.get("x-request-id"), "integration-abc-123");
    const hostile = await admin.get("/api/v1/me", { "x-request-id": "<script>alert(1)</script>" });
    assert.notEqual(hostile.headers.get("x-request-id"), "<script>alert(1)</script>");
    const logged = server.logs.find((l) => l.reqId === "integration-abc-123");
    assert.ok(logged, "log lines carry the request id");
  });

  test("unknown API routes and wrong methods answer in the one error shape", async () => {
    const res = await admin.get("/api/v1/nothing-here");
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "not_found");
    assert.equal(typeof res.body.error.message, "string");
  });

  test("a non-JSON content type is refused with 400, not swallowed", async () => {
    const res = await admin.request("POST", "/api/v1/tokens", "name=x", { "content-type": "text/plain" });
    assert.equal(res.status, 400);
    assert.ok(res.body.error.code);
  });

  test("security headers are set", async () => {
    const res = await admin.get("/api/v1/me");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /img-src 'self' data: https:/, "remote email images only when an agent loads them");
    const missing = await admin.get("/api/v1/no-such-thing");
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("x-frame-options"), "SAMEORIGIN", "error responses carry them too");
    const permissions = res.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      assert.match(permissions, new RegExp(`(^|, )${feature}=\\(\\)`), feature);
    }
    assert.doesNotMatch(permissions, /clipboard/, "copying a new token needs the clipboard");
    assert.equal(missing.headers.get("permissions-policy"), permissions);
    assert.equal(res.headers.get("strict-transport-security"), null, "no HSTS on a plain-http install");
  });

  test("API answers with customer data are never cached; the public API description may be", async () => {
    for (const path of ["/api/v1/cases", "/api/v1/customers", "/api/v1/me", "/api/v1/no-such-thing"]) {
      const res = await admin.get(path);
      assert.equal(res.headers.get("cache-control"), "no-store", path);
    }
    const session = await admin.get("/api/auth/get-session");
    assert.match(session.headers.get("cache-control") ?? "", /no-store/, "sign-in state");
    const strangers = await new TestClient(server.url).get("/api/v1/cases");
    assert.equal(strangers.status, 401);
    assert.equal(strangers.headers.get("cache-control"), "no-store", "error answers too");
    const openapi = await admin.get("/api/v1/openapi.json");
    assert.notEqual(openapi.headers.get("cache-control"), "no-store");
  });

  test("an https install sends Strict-Transport-Security", async () => {
    const https = await startTestServer({ env: { PUBLIC_URL: "https://support.example.com" } });
    try {
      const res = await new TestClient(https.url).get("/api/health");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("strict-transport-security") ?? "", /^max-age=31536000\b/);
    } finally {
      await https.close();
    }
  });
});
