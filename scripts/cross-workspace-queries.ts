import fs from "node:fs";
import path from "node:path";
import { REFERENCE_BY_CHOICE } from "../server/src/platform/db/citus/plan.ts";
import { findUnfenced, type Hit } from "./unfenced-queries.ts";

/**
 * `node scripts/cross-workspace-queries.ts [--list|--json|--markdown]`: sorts every unfenced query that
 * scripts/unfenced-queries.ts finds into what it would cost on Citus, where tenant tables are
 * distributed by workspace_id (docs/SCALING.md):
 *   (a) one-shard: it names a tenant table and filters it by workspace_id (see FILTER), or it
 *       inserts rows (Citus routes each row by its own workspace_id);
 *   (b) global: every table it names has no workspace_id (workspaces, auth.*, schema_migrations,
 *       the reference table support_addresses), or it names none (select 1, advisory locks), so
 *       it never fans out;
 *   (c) cross-workspace: a tenant table (or a table it cannot name) and no workspace_id filter
 *       in sight. On Citus such a query goes to every shard.
 * Each (c) place must be justified in docs/cross-workspace.json (server/test/cross-workspace.test.ts
 * fails on one that is not), and is listed in docs/SCALING.md, "Cross-workspace queries", whose
 * tables `--markdown` prints from that file.
 *
 * THIS IS A HEURISTIC, a text scan and not a query planner. The "text" of a query is a window
 * from its call to the end of its statement (for raw SQL: the `sql` template before .execute),
 * cut at 3,000 characters. A workspace_id filter on a sub-query, or in a comment, counts; one
 * added by a helper the scan cannot read (TenantScope's own methods, a fragment from another
 * file) does not, nor does an optional one (see OPTIONAL). Which tables have workspace_id is
 * read from the Kysely schema interfaces (server/src/**\/schema*.ts), not from the database.
 */
const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "server/src");

/** `text` is the query's window with whitespace collapsed: allow-list snippets are looked up in it. */
export type Place = Hit & { cls: "a" | "b" | "c"; tables: string[]; fn: string; text: string };

/** Table name → whether its Kysely row interface has a workspace_id column. */
export function tenantTables(): Map<string, boolean> {
  const bodies = new Map<string, string>();
  const maps: [string, string][] = [];
  for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/^schema.*\.ts$/.test(entry.name)) continue;
    const text = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const m of text.matchAll(/interface\s+(\w+)[^{]*\{/g)) {
      // The body, braces balanced (row interfaces may hold inline object types).
      let depth = 1;
      let i = m.index + m[0].length;
      for (; i < text.length && depth > 0; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}") depth--;
      }
      const body = text.slice(m.index + m[0].length, i);
      bodies.set(m[1] as string, body);
      if (/Tables$|^Database$/.test(m[1] as string))
        for (const t of body.matchAll(/^\s*"?([\w.]+)"?\??\s*:\s*(\w+)\s*;/gm))
          maps.push([t[1] as string, t[2] as string]);
    }
  }
  const tables = new Map<string, boolean>();
  // A reference table by choice (support_addresses) is copied to every node: no fan-out.
  for (const [name, type] of maps)
    tables.set(name, !REFERENCE_BY_CHOICE.has(name) && /\bworkspace_id\??\s*:/.test(bodies.get(type) ?? ""));
  return tables;
}

/**
 * The name of the function or method a position sits in: the nearest declaration whose braced
 * body holds it (for the listing and the docs; the allow-list is keyed by snippets, not by it).
 */
function enclosing(text: string, at: number): string {
  const re =
    /(?:function\s*\*?\s*([\w$]+)\s*[(<])|(?:(?:const|let)\s+([\w$]+)\s*=\s*(?:async\s*)?\()|(?:^[ \t]*(?:export\s+)?(?:public\s+|private\s+|static\s+|async\s+)*([\w$]+)\s*(?:<[^>\n]*>)?\([^)]*\)\s*(?::[^{\n]+)?\{)/gm;
  const found = [...text.slice(0, at).matchAll(re)].reverse();
  for (const m of found) {
    const name = m[1] ?? m[2] ?? m[3];
    if (!name || ["if", "for", "while", "switch", "catch", "return", "select"].includes(name)) continue;
    // The body: the first brace after the parameters (which may hold braces of their own), balanced.
    let open = m.index + m[0].length - 1;
    if (text[open] !== "{") {
      let p = text.indexOf("(", open);
      for (let d = 0; p >= 0 && p < text.length; p++) {
        if (text[p] === "(") d++;
        else if (text[p] === ")" && --d === 0) break;
      }
      // A body brace ends its line; a return type's `{ … }` does not. An expression-bodied arrow
      // (`=> x.filter(…)`) has no body to hold the query.
      const body = /\{[ \t]*\n/.exec(text.slice(p));
      const arrowExpression = /^\)\s*(?::[^={;]*?)?=>\s*(?!\{)/.test(text.slice(p, p + 300));
      open = body && !arrowExpression ? p + body.index : -1;
    }
    if (open < 0 || open > at) continue;
    let depth = 0;
    let i = open;
    for (; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) break;
    }
    if (i > at) return name;
  }
  return "(top)";
}

/** The query's text: from the call to the end of its statement, or the `sql` template before a raw execute. */
function windowOf(text: string, hit: Hit): string {
  if (hit.kind === "raw sql") {
    const close = text.slice(0, hit.at).trimEnd().length - 1;
    if (text[close] === "`") {
      // Back to the template's opening backtick, skipping `${…}` (which may hold nested templates).
      let depth = 0;
      let i = close - 1;
      for (; i >= 0; i--) {
        const ch = text[i];
        if (ch === "}") depth++;
        else if (ch === "{" && depth > 0) depth--;
        else if (ch === "`" && depth === 0) break;
      }
      return text.slice(Math.max(0, i - 60), hit.at);
    }
    // A query built elsewhere (`q.execute(tx)`): the statement's own lines are all we see.
    const lines = text.slice(Math.max(0, hit.at - 3000), hit.at).split("\n");
    let i = lines.length - 1;
    while (i > 0 && !/^\s*(const|let|return|await|export)\b/.test(lines[i] as string)) i--;
    return lines.slice(i).join("\n");
  }
  const rest = text.slice(hit.at, hit.at + 3000);
  const end = /\.execute(TakeFirst(OrThrow)?)?\(|;\s*$/m.exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

function tablesIn(window: string, hit: Hit): string[] {
  const names = new Set<string>();
  const unquote = (s: string) => s.replace(/^["']|["']$/g, "").replace(/\s+as\s+\w+$/, "");
  if (hit.kind === "raw sql") {
    for (const m of window.matchAll(/\b(?:from|join|update|into|table)\s+("?[a-z_]\w*"?(?:\."?\w+"?)?)/gi)) {
      const n = unquote(m[1] as string).replace(/"/g, "");
      if (!/^(select|lateral|unnest|jsonb_\w+|generate_series|only|if|each|\$)/i.test(n)) names.add(n);
    }
  } else {
    names.add(unquote(hit.table));
    for (const m of window.matchAll(/\.(?:inner|left|right|full)?[jJ]oin\(\s*("[^"]*"|'[^']*')/g))
      names.add(unquote(m[1] as string));
  }
  return [...names];
}

/**
 * A filter, not a mention: `.where("workspace_id", "=", …)` (or "in", or `eb("c.workspace_id", …)`),
 * or raw `workspace_id = ${…}` / `= any(${…})` / `in (${…})`, or anything `= ${…workspaceId}`. A
 * workspace_id only returned, or joined on (`onRef`), does not route a query.
 */
const FILTER = [
  /["'](?:\w+\.)?workspace_id["']\s*,\s*["'](?:=|in)["']/,
  /workspace_id\s*(?:=|=\s*any\s*\(|in\s*\()\s*\$\{/,
  // `${col(source.workspace)} = ${query.workspaceId}`: a column the scan cannot read, compared to a workspace id.
  /=\s*\$\{\s*[\w.]*workspaceId\s*\}/,
];
/** Join conditions compare columns (`onRef("m.workspace_id", "=", "t.workspace_id")`): not a filter. */
const JOINS = /\.(?:on|onRef|whereRef)\(\s*["'][^)]*\)/g;
/**
 * A filter only when asked for (`${ws ? sql`workspace_id = ${ws}` : sql`true`}`, or
 * `${ws}::uuid is null or workspace_id = ${ws}`, `.$if(ws !== undefined, (q) => q.where("workspace_id", …))`):
 * a sweep of every workspace unless called for one.
 */
const OPTIONAL =
  /\?\s*sql`[^`]*workspace_id|\}(?:::uuid)?\s+is\s+null\s+or\s+(?:\w+\.)?workspace_id|\$if\([^,]*,\s*\(?\w+\)?\s*=>\s*\w+\.where\(\s*["'](?:\w+\.)?workspace_id["']\s*,\s*["']=["']/i;

export function classify(): Place[] {
  const tenants = tenantTables();
  const texts = new Map<string, string>();
  return findUnfenced().map((hit) => {
    let text = texts.get(hit.file);
    if (text === undefined) {
      text = fs.readFileSync(path.join(src, hit.file), "utf8");
      texts.set(hit.file, text);
    }
    const window = windowOf(text, hit);
    const tables = tablesIn(window, hit);
    // A table we cannot name (a variable, a catalogue view) counts as tenant: better listed than missed.
    // Raw SQL that names no table at all (select 1, pg_notify, an advisory lock) touches no tenant row.
    const noTable =
      hit.kind === "raw sql" && tables.length === 0 && !/\b(from|join|update|into)\s+\$\{/i.test(window);
    const tenant =
      !noTable &&
      (tables.length === 0 ||
        tables.some(
          (t) => tenants.get(t) ?? !/^(pg_|information_schema|schema_migrations$|pgboss\.)/.test(t),
        ));
    // Raw SQL often takes its filter from a fragment (`where ${where}`, `and ${f(…)}`): when the same file builds a
    // `workspace_id = ${…}` fragment, an interpolating query is taken to use it.
    const viaFragment =
      hit.kind === "raw sql" &&
      /\b(where|and)\s+\$\{|(?<!distinct\s+)\bfrom\s+\$\{/i.test(window) &&
      /workspace_id\s*=\s*\$\{/.test(text);
    const predicates = window.replace(JOINS, "");
    const filtered = !OPTIONAL.test(window) && (FILTER.some((re) => re.test(predicates)) || viaFragment);
    const routedInsert =
      (hit.kind === "write" && /^\s*\.insertInto[\s\S]*?\.values\(/.test(window)) ||
      (hit.kind === "raw sql" &&
        /\binsert\s+into\b[\s\S]*\bvalues\s*\(/i.test(window) &&
        !/\bselect\b/i.test(window));
    const cls: Place["cls"] = !tenant ? "b" : filtered || routedInsert ? "a" : "c";
    const fn = enclosing(text, hit.at);
    return { ...hit, cls, tables, fn, text: window.replace(/\s+/g, " ").trim() };
  });
}

/** One justification in docs/cross-workspace.json (server/test/cross-workspace.test.ts checks them). */
export type Justification = {
  file: string;
  /** For people: where it is. Matching is by file and snippet only, so a rename breaks nothing. */
  function: string;
  /** Text of the query (whitespace collapsed) that identifies it within the file. */
  snippets: string[];
  group: string;
  what: string;
  frequency: string;
  why: string;
  citus: string;
  hotPath: boolean;
};

export const ALLOW_LIST = path.join(root, "docs/cross-workspace.json");

export function readJustifications(): Justification[] {
  return JSON.parse(fs.readFileSync(ALLOW_LIST, "utf8"));
}

export function covers(j: Justification, p: Place): boolean {
  return j.file === p.file && j.snippets.some((s) => p.text.includes(s.replace(/\s+/g, " ").trim()));
}

/** The tables of docs/SCALING.md, "Cross-workspace queries": one per group, in the allow-list's order. */
function markdown(places: Place[]): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const out: string[] = [];
  const justified = readJustifications();
  for (const group of [...new Set(justified.map((j) => j.group))]) {
    out.push(
      `### ${group}`,
      "",
      "| file:line | what | frequency | why cross-workspace | on Citus |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const j of justified.filter((x) => x.group === group)) {
      const lines = places.filter((p) => p.cls === "c" && covers(j, p)).map((p) => p.line);
      const where = `${j.file}:${lines.join(",")} (${j.function})`;
      out.push(
        `| ${cell(where)} | ${j.hotPath ? "**hot path.** " : ""}${cell(j.what)} | ${cell(j.frequency)} | ${cell(j.why)} | ${cell(j.citus)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

if (import.meta.main) {
  const places = classify();
  const count = (c: string) => places.filter((p) => p.cls === c).length;
  if (process.argv.includes("--json")) console.log(JSON.stringify(places, null, 2));
  else if (process.argv.includes("--markdown")) console.log(markdown(places));
  else {
    console.log(
      `(a) one shard: ${count("a")}\n(b) global tables only: ${count("b")}\n(c) cross-workspace: ${count("c")}`,
    );
    if (process.argv.includes("--list"))
      for (const p of places)
        console.log(`${p.cls}\t${p.file}:${p.line}\t${p.fn}\t${p.kind}\t${p.tables.join(",") || "?"}`);
  }
}
