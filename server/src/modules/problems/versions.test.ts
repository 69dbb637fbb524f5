import assert from "node:assert/strict";
import { test } from "node:test";
import { compareVersions, firmwareInRange, sameModel } from "./versions.ts";

test("versions compare numerically by segment, so 12.10 comes after 12.9", () => {
  assert.ok(compareVersions("12.10", "12.9") > 0);
  assert.ok(compareVersions("12.2", "12.2.0") === 0);
  assert.ok(compareVersions("11.9.3", "12") < 0);
  assert.ok(compareVersions("v12.2", "12.2") === 0);
  assert.ok(compareVersions("12.2b", "12.2") > 0);
});

test("a device's firmware is matched against one- and two-sided ranges and exact versions", () => {
  assert.equal(firmwareInRange("12.1", "< 12.2"), true);
  assert.equal(firmwareInRange("12.2", "< 12.2"), false);
  assert.equal(firmwareInRange("12.2", "<= 12.2"), true);
  assert.equal(firmwareInRange("10.4", ">= 11 < 12.2"), false);
  assert.equal(firmwareInRange("11.5", ">= 11 < 12.2"), true);
  assert.equal(firmwareInRange("12.1", "12.1"), true);
  assert.equal(firmwareInRange("12.1.1", "12.1"), false);
  assert.equal(firmwareInRange("anything", undefined), true);
  // Unknown firmware matches only "every version": a wrong known issue misleads the agent.
  assert.equal(firmwareInRange(null, "< 12.2"), false);
  assert.equal(firmwareInRange(null, undefined), true);
});

test("model names match ignoring case and spaces", () => {
  assert.equal(sameModel("Play:5", " play:5"), true);
  assert.equal(sameModel("Play:5", "Play:1"), false);
});
