import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { TestClient as Client } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

const MAX = 20_000;
let server: TestServer;
let admin: TestClient;
let device: TestClient; // an integration calling with an API token
before(async () => {
  server = await startTestServer({ env: { DIAGNOSTICS_MAX_BYTES: String(MAX) } });
  ({ admin } = await setUpWorkspace(server));
  ({ client: device } = await staffClient(server, "agent"));
});
after(() => server.close());

let n = 0;
async function newCustomer(name = "Maria Gonzalez") {
  const res = await admin.post("/api/v1/customers", { name, emails: [`c${++n}-${Date.now()}@example.com`] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}
async function send(client: TestClient, body: Record<string, unknown>, status = 201) {
  const res = await client.post("/api/v1/diagnostics", body);
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}
const serial = () => `SN-${Date.now()}-${++n}`;

describe("sending snapshots", () => {
  test("a device sends one with an API token: secrets masked at any depth, on the open case and both timelines", async () => {
    const customerId = await newCustomer();
    const opened = await admin.post("/api/v1/cases", {
      customerId,
      subject: "Wi-Fi drops",
      message: "Again",
    });
    const caseId = opened.body.id;
    const data = {
      model: "RX-500",
      wifi: {
        ssid: "home",
        signal_dbm: -52,
        WPA_PSK: "hunter2",
        radios: [{ band: "5", AdminPassword: "x" }],
      },
      cloud: { apiToken: "abc", nested: { client_secret: { a: 1 } } },
    };
    const sn = serial();
    const snap = await send(device, { customerId, deviceSerial: sn, source: "device", data });
    assert.equal(snap.customerId, customerId);
    assert.equal(snap.caseId, caseId, "attached to the customer's open case");
    assert.equal(snap.deviceSerial, sn);
    assert.equal(snap.source, "device");
    assert.equal(snap.sizeBytes, Buffer.byteLength(JSON.stringify(data)));
    assert.deepEqual(snap.maskedPaths, [
      "wifi.WPA_PSK",
      "wifi.radios[0].AdminPassword",
      "cloud.apiToken",
      "cloud.nested.client_secret",
    ]);

    const full = await admin.get(`/api/v1/diagnostics/${snap.id}`);
    assert.equal(full.status, 200);
    assert.deepEqual(full.body.data, {
      model: "RX-500",
      wifi: {
        ssid: "home",
        signal_dbm: -52,
        WPA_PSK: "[masked]",
        radios: [{ band: "5", AdminPassword: "[masked]" }],
      },
      cloud: { apiToken: "[masked]", nested: { client_secret: "[masked]" } },
    });
    assert.ok(!JSON.stringify(full.body).includes("hunter2"));

    for (const path of [`/api/v1/cases/${caseId}/timeline`, `/api/v1/customers/${customerId}/timeline`]) {
      const timeline = await admin.get(path);
      const event = timeline.body.items.find((e: { kind: string }) => e.kind === "diagnostic.captured");
      assert.ok(event, path);
      assert.equal(event.data.snapshotId, snap.id);
      assert.equal(event.data.deviceSerial, sn);
      assert.equal(event.data.source, "device");
      assert.match(event.data.summary, /wifi/);
    }
    const onCase = await admin.get(`/api/v1/cases/${caseId}/diagnostics`);
    assert.deepEqual(
      onCase.body.items.map((s: { id: string }) => s.id),
      [snap.id],
    );
  });

  test("an unknown serial registers the device on the customer; a serial of another customer is 409", async () => {
    const customerId = await newCustomer();
    const sn = serial();
    const first = await send(device, {
      customerId,
      deviceSerial: sn,
      source: "app",
      data: { model: "Beam 2" },
    });
    assert.equal(first.caseId, null, "no open case: attached to the customer only");
    const devices = await admin.get(`/api/v1/customers/${customerId}/devices`);
    assert.deepEqual(
      devices.body.items.map((d: { serial: string; model: string }) => [d.serial, d.model]),
      [[sn, "Beam 2"]],
    );
    // The serial alone now finds the customer.
    const second = await send(device, { deviceSerial: sn, source: "device", data: { x: 1 } });
    assert.equal(second.customerId, customerId);
    assert.equal(second.deviceId, first.deviceId);

    const other = await newCustomer("Owen Other");
    const taken = await device.post("/api/v1/diagnostics", {
      customerId: other,
      deviceSerial: sn,
      source: "device",
      data: {},
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.field, "deviceSerial");

    const unknown = await device.post("/api/v1/diagnostics", {
      deviceSerial: serial(),
      source: "device",
      data: {},
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, "customerId");

    const history = await admin.get(`/api/v1/devices/${first.deviceId}/diagnostics?limit=1`);
    assert.deepEqual(
      history.body.items.map((s: { id: string }) => s.id),
      [second.id],
    );
    const older = await admin.get(
      `/api/v1/devices/${first.deviceId}/diagnostics?limit=1&cursor=${history.body.nextCursor}`,
    );
    assert.deepEqual(
      older.body.items.map((s: { id: string }) => s.id),
      [first.id],
    );
    assert.equal(older.body.nextCursor, null);
  });

  test("oversize is 413 naming data; malformed input is 400 naming the field", async () => {
    const customerId = await newCustomer();
    const big = { blob: "x".repeat(MAX) };
    const tooBig = await device.post("/api/v1/diagnostics", { customerId, source: "device", data: big });
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.error.code, "payload_too_large");
    assert.equal(tooBig.body.error.field, "data");
    // Far beyond the route's body limit: still our 413, not the generic 400.
    const huge = await device.post("/api/v1/diagnostics", {
      customerId,
      source: "device",
      data: { b: "x".repeat(MAX * 5) },
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.field, "data");
    // Just under the limit is fine.
    const fits = { blob: "x".repeat(MAX - 20) };
    await send(device, { customerId, source: "agent", data: fits });

    const cases: Array<[Record<string, unknown> | string, string]> = [
      [{ customerId, source: "device", data: [1, 2] }, "data"],
      [{ customerId, source: "device", data: "text" }, "data"],
      [{ customerId, source: "fax", data: {} }, "source"],
      [{ customerId, data: {} }, "source"],
      [{ source: "device", data: {} }, "customerId"],
      [{ customerId: "nope", source: "device", data: {} }, "customerId"],
      [{ customerId, source: "device", data: {}, extra: 1 }, "extra"],
      [{ customerId, source: "device", data: { a: "nul\u0000" } }, "data.a"],
      ["{not json", "body"],
    ];
    for (const [body, field] of cases) {
      const res = await device.post("/api/v1/diagnostics", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const otherCase = await admin.post("/api/v1/cases", {
      customerId: await newCustomer("Someone Else"),
      subject: "x",
      message: "y",
    });
    const wrongCase = await device.post("/api/v1/diagnostics", {
      customerId,
      caseId: otherCase.body.id,
      source: "device",
      data: {},
    });
    assert.equal(wrongCase.status, 400);
    assert.equal(wrongCase.body.error.field, "caseId");
    const missing = await device.post("/api/v1/diagnostics", {
      customerId: "00000000-0000-4000-8000-000000000000",
      source: "device",
      data: {},
    });
    assert.equal(missing.status, 404);
  });
});

describe("comparing", () => {
  test("diff with the device's previous snapshot and with any other; numeric series over time", async () => {
    const customerId = await newCustomer();
    const sn = serial();
    const s1 = await send(device, {
      customerId,
      deviceSerial: sn,
      source: "device",
      data: {
        wifi: { signal_dbm: -50, ssid: "home" },
        interfaces: [{ mtu: 1500 }, { mtu: 1500 }, { mtu: 1500 }],
      },
    });
    const first = await admin.get(`/api/v1/diagnostics/${s1.id}/diff`);
    assert.equal(first.status, 404);
    assert.match(first.body.error.message, /first snapshot/);

    const s2 = await send(device, {
      deviceSerial: sn,
      source: "device",
      data: {
        wifi: { signal_dbm: -63, ssid: "home" },
        interfaces: [{ mtu: 1500 }, { mtu: 1500 }, { mtu: 1492 }],
      },
    });
    const s3 = await send(device, {
      deviceSerial: sn,
      source: "device",
      data: {
        wifi: { signal_dbm: -78 },
        interfaces: [{ mtu: 1500 }, { mtu: 1500 }, { mtu: 1492 }],
        error: 1013,
      },
    });

    const diff = await admin.get(`/api/v1/diagnostics/${s3.id}/diff`);
    assert.equal(diff.status, 200);
    assert.equal(diff.body.from.id, s2.id);
    assert.equal(diff.body.to.id, s3.id);
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    // (jsonb keeps keys in its own order, so compare the changes as a set.)
    assert.deepEqual(diff.body.changes.sort(byPath), [
      { path: "error", kind: "added", before: null, after: 1013 },
      { path: "wifi.signal_dbm", kind: "changed", before: -63, after: -78, delta: -15 },
      { path: "wifi.ssid", kind: "removed", before: "home", after: null },
    ]);

    const against = await admin.get(`/api/v1/diagnostics/${s3.id}/diff?against=${s1.id}`);
    assert.equal(against.body.from.id, s1.id);
    assert.deepEqual(
      against.body.changes.find((c: { path: string }) => c.path === "interfaces[2].mtu"),
      { path: "interfaces[2].mtu", kind: "changed", before: 1500, after: 1492, delta: -8 },
    );
    assert.equal(
      (await admin.get(`/api/v1/diagnostics/${s3.id}/diff?against=00000000-0000-4000-8000-000000000000`))
        .status,
      404,
    );

    const noDevice = await send(device, { customerId, source: "agent", data: { a: 1 } });
    const noPrevious = await admin.get(`/api/v1/diagnostics/${noDevice.id}/diff`);
    assert.equal(noPrevious.status, 400);
    assert.equal(noPrevious.body.error.field, "against");

    const series = await admin.get(`/api/v1/devices/${s1.deviceId}/diagnostics/series?path=wifi.signal_dbm`);
    assert.equal(series.status, 200);
    assert.deepEqual(
      series.body.items.map((p: { snapshotId: string; value: number }) => [p.snapshotId, p.value]),
      [
        [s1.id, -50],
        [s2.id, -63],
        [s3.id, -78],
      ],
    );
    const mtu = await admin.get(
      `/api/v1/devices/${s1.deviceId}/diagnostics/series?path=${encodeURIComponent("interfaces[2].mtu")}`,
    );
    assert.deepEqual(
      mtu.body.items.map((p: { value: number }) => p.value),
      [1500, 1492, 1492],
    );
    const bad = await admin.get(`/api/v1/devices/${s1.deviceId}/diagnostics/series?path=a..b`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "path");
  });
});

describe("who may see snapshots", () => {
  test("customers read their own only; other workspaces get 404; strangers 401", async () => {
    const maria = await customerClient(server);
    const den = await customerClient(server);
    const mariaId = (await admin.get(`/api/v1/lookup?email=${encodeURIComponent(maria.email)}`)).body.customer
      .id;
    const sn = serial();
    const snap = await send(device, {
      customerId: mariaId,
      deviceSerial: sn,
      source: "device",
      data: { a: 1 },
    });
    const later = await send(device, { deviceSerial: sn, source: "device", data: { a: 2 } });

    assert.equal((await maria.client.get(`/api/v1/diagnostics/${snap.id}`)).status, 200);
    assert.equal((await maria.client.get(`/api/v1/diagnostics/${later.id}/diff`)).status, 200);
    assert.equal(
      (await maria.client.get(`/api/v1/devices/${snap.deviceId}/diagnostics`)).body.items.length,
      2,
    );
    for (const path of [
      `/api/v1/diagnostics/${snap.id}`,
      `/api/v1/diagnostics/${later.id}/diff`,
      `/api/v1/devices/${snap.deviceId}/diagnostics`,
      `/api/v1/devices/${snap.deviceId}/diagnostics/series?path=a`,
    ]) {
      assert.equal((await den.client.get(path)).status, 404, path);
    }
    // Customers cannot send through the API route (they use a code).
    const asCustomer = await maria.client.post("/api/v1/diagnostics", {
      customerId: mariaId,
      source: "browser",
      data: {},
    });
    assert.equal(asCustomer.status, 403);

    const other = await otherWorkspace(server);
    for (const path of [
      `/api/v1/diagnostics/${snap.id}`,
      `/api/v1/diagnostics/${snap.id}/diff`,
      `/api/v1/devices/${snap.deviceId}/diagnostics`,
      `/api/v1/devices/${snap.deviceId}/diagnostics/series?path=a`,
    ]) {
      assert.equal((await other.client.get(path)).status, 404, path);
    }
    const foreign = await other.client.post("/api/v1/diagnostics", {
      customerId: mariaId,
      source: "device",
      data: {},
    });
    assert.equal(foreign.status, 404);
    const foreignSerial = await other.client.post("/api/v1/diagnostics", {
      deviceSerial: sn,
      source: "device",
      data: {},
    });
    assert.equal(foreignSerial.status, 400, "their workspace does not know the serial");

    const stranger = new Client(server.url);
    assert.equal((await stranger.get(`/api/v1/diagnostics/${snap.id}`)).status, 401);
    assert.equal(
      (await stranger.post("/api/v1/diagnostics", { customerId: mariaId, source: "device", data: {} }))
        .status,
      401,
    );
    assert.equal((await stranger.get(`/api/v1/devices/${snap.deviceId}/diagnostics`)).status, 401);
    assert.equal((await stranger.post("/api/v1/diagnostics/codes", { customerId: mariaId })).status, 401);
  });
});
