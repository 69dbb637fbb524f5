import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { classify, covers, readJustifications } from "../../scripts/cross-workspace-queries.ts";

/**
 * On Citus a query on a tenant table without a workspace_id filter goes to every shard
 * (docs/SCALING.md, "Cross-workspace queries"). Each such place must be justified in
 * docs/cross-workspace.json; a new one fails here until it is filtered or justified there.
 * A text scan (scripts/cross-workspace-queries.ts): no database.
 */
const allowed = readJustifications();
const places = classify();
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

test("every cross-workspace query is justified in docs/cross-workspace.json", () => {
  const unlisted = places.filter((p) => p.cls === "c" && !allowed.some((e) => covers(e, p)));
  assert.deepEqual(
    unlisted.map((p) => `${p.file}:${p.line} ${p.kind} ${p.tables.join(",") || "?"}: ${p.text.slice(0, 80)}`),
    [],
    "filter these by workspace_id, or justify them in docs/cross-workspace.json (and docs/SCALING.md)",
  );
});

test("no justification is stale: each snippet still names a cross-workspace query", () => {
  const stale = allowed.flatMap((e) =>
    e.snippets
      .filter((s) => !places.some((p) => p.cls === "c" && p.file === e.file && p.text.includes(squash(s))))
      .map((s) => `${e.file}: ${s}`),
  );
  assert.deepEqual(stale, [], "remove these from docs/cross-workspace.json (and docs/SCALING.md)");
});

test("every justification says what, how often, why and what Citus does with it", () => {
  for (const e of allowed)
    for (const field of ["group", "what", "frequency", "why", "citus"] as const)
      assert.ok(e[field]?.trim(), `${e.file}: ${field} is empty`);
});

test("the classifier tells a filtered query, a global table and a fan-out apart", () => {
  const at = (file: string, needle: string) => {
    const p = places.find((x) => x.file === file && x.text.includes(needle));
    assert.ok(p, `${file}: no query with ${needle}`);
    return p.cls;
  };
  // Looks a login's memberships up by user id: memberships is distributed, so every shard.
  assert.equal(at("modules/security/passkeys.repo.ts", '.where("user_id", "=", userId'), "c");
  // The workspaces table has no workspace_id: a reference table, never a fan-out.
  const globals = places.filter((p) => p.cls === "b");
  assert.ok(globals.some((p) => p.tables.includes("workspaces")));
  assert.ok(globals.every((p) => !p.tables.includes("cases")));
  // A query that names workspace_id routes to one shard.
  assert.ok(
    places.filter((p) => p.cls === "a").every((p) => /workspace_id|workspaceId|\$\{|\.values\(/.test(p.text)),
  );
});

test("docs/SCALING.md lists every justified place under Cross-workspace queries", () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/SCALING.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Cross-workspace queries"), doc.indexOf("## Shard sizes"));
  // By file and function, not line: regenerate the tables with `--markdown` when this fails.
  const missing = allowed.filter(
    (e) => !new RegExp(`${e.file}:[\\d,]*\\d \\(${e.function}\\)`).test(section),
  );
  assert.deepEqual(
    missing.map((e) => `${e.file} (${e.function})`),
    [],
    "run node scripts/cross-workspace-queries.ts --markdown and update docs/SCALING.md",
  );
});
