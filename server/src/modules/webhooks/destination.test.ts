import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { internalDestination, isInternalAddress } from "./destination.ts";

describe("which addresses count as Rapport's own network", () => {
  test("loopback, private, link-local, unique-local and mapped forms are internal", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.20.0.5", "192.168.1.1", "169.254.169.254", "0.0.0.0"])
      assert.equal(isInternalAddress(a), true, a);
    for (const a of ["::1", "fd12:3456::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"])
      assert.equal(isInternalAddress(a), true, a);
    for (const a of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8"])
      assert.equal(isInternalAddress(a), false, a);
  });

  test("names for this machine are refused without a lookup; unknown names pass at save time", async () => {
    assert.match((await internalDestination("http://localhost:8080/x")) ?? "", /this machine/);
    assert.match((await internalDestination("http://[::1]/x")) ?? "", /internal/);
    assert.equal(await internalDestination("https://tracker.invalid/hook"), null);
  });
});

describe("with the default configuration", () => {
  let server: TestServer;
  let admin: TestClient;
  before(async () => {
    server = await startTestServer();
    ({ admin } = await setUpWorkspace(server));
  });
  after(() => server.close());

  test("an admin cannot aim a webhook at loopback or cloud metadata; the error names the url", async () => {
    for (const url of [
      "http://127.0.0.1:9/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://localhost/x",
    ]) {
      const res = await admin.post("/api/v1/webhooks", { url, events: ["escalation.created"] });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error.field, "url");
      assert.match(res.body.error.message, /WEBHOOK_ALLOW_PRIVATE/);
    }
    assert.equal((await admin.get("/api/v1/webhooks")).body.items.length, 0, "nothing was saved");
  });
});
