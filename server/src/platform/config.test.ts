import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

test("defaults give a working local install", () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.publicUrl, "http://localhost:3000");
  assert.equal(c.databaseUrl, undefined, "no DATABASE_URL means the embedded database");
  assert.equal(c.dataDir, path.resolve("./data"));
  assert.equal(loadConfig({ PORT: "4010" }).publicUrl, "http://localhost:4010");
});

test("the request fence is up by default; DB_REQUEST_FENCE=off (or false) lowers it", () => {
  assert.equal(loadConfig({}).dbRequestFence, true);
  assert.equal(loadConfig({ DB_REQUEST_FENCE: "off" }).dbRequestFence, false);
  assert.equal(loadConfig({ DB_REQUEST_FENCE: "false" }).dbRequestFence, false);
  assert.equal(loadConfig({ DB_REQUEST_FENCE: "on" }).dbRequestFence, true);
  assert.throws(() => loadConfig({ DB_REQUEST_FENCE: "perhaps" }), /DB_REQUEST_FENCE/);
});

test("each bad value is reported by the variable's name", () => {
  const bad: Record<string, string> = {
    PORT: "eighty",
    DATABASE_URL: "mysql://x",
    AUTH_SECRET: "short",
    LOG_LEVEL: "loud",
    SMTP_URL: "http://mail",
    TRUST_PROXY: "maybe",
  };
  for (const [name, value] of Object.entries(bad)) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (err: Error) => err instanceof ConfigError && err.message.includes(name),
      name,
    );
  }
});

test("the server refuses to start on a bad value, naming the variable, before touching anything", () => {
  const result = spawnSync(process.execPath, ["server/src/main.ts"], {
    env: { ...process.env, PORT: "not-a-port", DATA_DIR: "/nonexistent/never-created" },
    encoding: "utf8",
    timeout: 20_000,
  });
  assert.equal(result.status, 78);
  assert.match(result.stderr, /PORT/);
  assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, "a message, not a stack trace");
});
