import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { diffSnapshots } from "./diff.ts";
import { MASKED, maskSecrets } from "./mask.ts";
import { parsePath } from "./paths.ts";

describe("diffSnapshots", () => {
  test("identical snapshots have no changes", () => {
    const s = { wifi: { ssid: "home", signal_dbm: -50 }, list: [1, { a: null }] };
    assert.deepEqual(diffSnapshots(s, structuredClone(s)), []);
  });

  test("nested objects: added, removed and changed leaves with dotted paths", () => {
    const changes = diffSnapshots(
      { wifi: { ssid: "home", channel: 6, band: "2.4" }, uptime: 10 },
      { wifi: { ssid: "home-5g", channel: 6, width: 80 }, uptime: 10 },
    );
    assert.deepEqual(changes, [
      { path: "wifi.ssid", kind: "changed", before: "home", after: "home-5g" },
      { path: "wifi.band", kind: "removed", before: "2.4", after: null },
      { path: "wifi.width", kind: "added", before: null, after: 80 },
    ]);
  });

  test("numbers carry the delta after − before, without floating-point noise", () => {
    const changes = diffSnapshots(
      { wifi: { signal_dbm: -52, ratio: 0.1 } },
      { wifi: { signal_dbm: -71, ratio: 0.3 } },
    );
    assert.deepEqual(changes, [
      { path: "wifi.signal_dbm", kind: "changed", before: -52, after: -71, delta: -19 },
      { path: "wifi.ratio", kind: "changed", before: 0.1, after: 0.3, delta: 0.2 },
    ]);
  });

  test("arrays compare index by index, with extra elements added or removed", () => {
    const before = { interfaces: [{ mtu: 1500 }, { mtu: 1500 }, { mtu: 1500 }] };
    const after = { interfaces: [{ mtu: 1500 }, { mtu: 1500 }, { mtu: 1492 }, { mtu: 9000 }] };
    assert.deepEqual(diffSnapshots(before, after), [
      { path: "interfaces[2].mtu", kind: "changed", before: 1500, after: 1492, delta: -8 },
      { path: "interfaces[3]", kind: "added", before: null, after: { mtu: 9000 } },
    ]);
    assert.deepEqual(diffSnapshots({ dns: ["1.1.1.1", "8.8.8.8"] }, { dns: ["1.1.1.1"] }), [
      { path: "dns[1]", kind: "removed", before: "8.8.8.8", after: null },
    ]);
  });

  test("a change of type is one change of the whole value, without delta", () => {
    assert.deepEqual(
      diffSnapshots({ a: { x: 1 }, b: "12", c: [1], d: null }, { a: 5, b: 12, c: { 0: 1 }, d: 0 }),
      [
        { path: "a", kind: "changed", before: { x: 1 }, after: 5 },
        { path: "b", kind: "changed", before: "12", after: 12 },
        { path: "c", kind: "changed", before: [1], after: { 0: 1 } },
        { path: "d", kind: "changed", before: null, after: 0 },
      ],
    );
  });

  test("keys that are not plain names are quoted, and such paths parse back", () => {
    const [change] = diffSnapshots(
      { headers: { "content-type": "a", "x.y": 1 } },
      { headers: { "content-type": "a", "x.y": 2 } },
    );
    assert.equal(change?.path, 'headers["x.y"]');
    assert.deepEqual(parsePath('headers["x.y"]'), ["headers", "x.y"]);
    assert.deepEqual(parsePath("interfaces[2].mtu"), ["interfaces", 2, "mtu"]);
    assert.deepEqual(parsePath("wifi.signal_dbm"), ["wifi", "signal_dbm"]);
    for (const bad of ["", ".a", "a..b", "a[x]", "a[1", 'a["b]', "a b"])
      assert.equal(parsePath(bad), undefined, bad);
  });
});

describe("maskSecrets", () => {
  const patterns = ["password", "psk", "secret", "token"];

  test("masks matching keys at any depth, case-insensitively, and lists the paths", () => {
    const input = {
      wifi: { ssid: "home", WPA_PSK: "hunter2", nested: [{ admin_Password: "x", port: 80 }] },
      apiToken: { value: "abc" },
      clientSecretHash: null,
      plain: "password is not a key here",
    };
    const { data, maskedPaths } = maskSecrets(input, patterns);
    assert.deepEqual(JSON.parse(JSON.stringify(data)), {
      wifi: { ssid: "home", WPA_PSK: MASKED, nested: [{ admin_Password: MASKED, port: 80 }] },
      apiToken: MASKED,
      clientSecretHash: MASKED,
      plain: "password is not a key here",
    });
    assert.deepEqual(maskedPaths, [
      "wifi.WPA_PSK",
      "wifi.nested[0].admin_Password",
      "apiToken",
      "clientSecretHash",
    ]);
    assert.equal(input.wifi.WPA_PSK, "hunter2", "the input is left alone");
  });

  test("refuses absurd nesting and NUL characters, naming data", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: deep };
    assert.throws(() => maskSecrets(deep as Record<string, unknown>, patterns), { field: "data" });
    assert.throws(() => maskSecrets({ a: { b: "x\u0000y" } }, patterns), { field: "data.a.b" });
  });
});
