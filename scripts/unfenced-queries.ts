import fs from "node:fs";
import path from "node:path";

/**
 * `node scripts/unfenced-queries.ts [--list]`: counts, per server module, the Kysely queries
 * that do NOT go through a TenantScope and so run as the login role, outside the row-level
 * security fence (docs/ARCHITECTURE.md, Tenancy, "Not yet"). It is the size of the next step:
 * making unmarked queries fenced too, with the legitimate cross-workspace ones marked.
 *
 * How: every `.selectFrom(` / `.updateTable(` / `.deleteFrom(` / `.insertInto(` call in
 * server/src (tests excluded) is attributed to its receiver, the expression right before the
 * dot, skipping line breaks of a chain. A receiver that is a scope (`scope`, `s`, `this.scope`,
 * `scope.with(tx)`, `scope.db`, ...) is fenced; `db`, `tx`, `ctx.db`, `trx` and the like are not.
 * Raw `sql` run on an executor is counted separately (`.execute(db|tx|ctx.db)`), the same way.
 * The first argument (the table) is shown with --list, so tables without a workspace_id
 * (workspaces, memberships' lookups, auth.*) can be told apart by eye.
 * A text scan, not a type check: good for a count to plan with, not for a proof.
 */
const root = path.resolve(import.meta.dirname, "..");
const src = path.join(root, "server/src");

const CALL = /\.(selectFrom|updateTable|deleteFrom|insertInto)\(\s*("[^"]*"|'[^']*'|[^,)\s]+)?/g;
// The executor may be followed by a trailing comma when the formatter breaks the call over lines.
const RAW = /\.execute\(\s*([A-Za-z_$][\w$.]*)\s*,?\s*\)/g;

/** Receivers that are (or come from) a TenantScope, so their queries are fenced. */
function fenced(receiver: string): boolean {
  return /(^|\.)(\w*scope|s|sc|tenant)(\.db)?$/i.test(receiver) || /scope[\w.]*\(.*\)$/i.test(receiver);
}

/** The expression before position `dot`: an identifier chain, or a call `x.with(tx)`. */
function receiverBefore(text: string, dot: number): string {
  let i = dot - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  let end = i + 1;
  if (text[i] === ")") {
    // Balance the parentheses back to the call's start, then take the callee.
    let depth = 0;
    for (; i >= 0; i--) {
      if (text[i] === ")") depth++;
      else if (text[i] === "(" && --depth === 0) break;
    }
    const args = text.slice(i, end);
    end = i;
    i--;
    // The callee may be a chain broken over lines (`scope\n  .with(tx)`): whitespace is skipped.
    const callee = (/[\w$.\s]*$/.exec(text.slice(Math.max(0, i - 200), i + 1))?.[0] ?? "").replace(
      /\s+/g,
      "",
    );
    // A chain ending in a call on a query builder (`.where(...)`) is not a receiver we can name.
    return `${callee}${args.length > 40 ? "(…)" : args}`.replace(/\s+/g, " ");
  }
  return /[\w$.]*$/.exec(text.slice(Math.max(0, i - 200), end))?.[0] ?? "";
}

/** One unfenced query: `at` is its offset in the file, for scripts/cross-workspace-queries.ts. */
export type Hit = {
  module: string;
  file: string;
  line: number;
  at: number;
  kind: string;
  receiver: string;
  table: string;
};

/** Every unfenced query in server/src (tests excluded), in file order. */
export function findUnfenced(): Hit[] {
  const hits: Hit[] = [];
  const entries = fs.readdirSync(src, { recursive: true, withFileTypes: true });
  entries.sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)));
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(src, file);
    const parts = rel.split(path.sep);
    const module =
      parts[0] === "modules" || parts[0] === "platform" ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
    const text = fs.readFileSync(file, "utf8");
    const lineOf = (at: number) => text.slice(0, at).split("\n").length;
    for (const m of text.matchAll(CALL)) {
      const receiver = receiverBefore(text, m.index);
      if (fenced(receiver)) continue;
      // `eb.selectFrom` / `qb.selectFrom` are sub-queries of an outer query: fenced with it.
      if (/^(eb|qb|b|x)$/.test(receiver)) continue;
      const kind = m[1] === "selectFrom" ? "read" : "write";
      hits.push({
        module,
        file: rel,
        line: lineOf(m.index),
        at: m.index,
        kind,
        receiver,
        table: m[2] ?? "?",
      });
    }
    for (const m of text.matchAll(RAW)) {
      const receiver = m[1] as string;
      if (fenced(receiver)) continue;
      hits.push({
        module,
        file: rel,
        line: lineOf(m.index),
        at: m.index,
        kind: "raw sql",
        receiver,
        table: "-",
      });
    }
  }
  return hits;
}

if (import.meta.main) {
  const list = process.argv.includes("--list");
  const hits = findUnfenced();
  type Counts = { read: number; write: number; "raw sql": number };
  const byModule = new Map<string, Counts>();
  for (const h of hits) {
    const row = byModule.get(h.module) ?? { read: 0, write: 0, "raw sql": 0 };
    row[h.kind as keyof Counts]++;
    byModule.set(h.module, row);
  }
  const sum = (r: Counts) => r.read + r.write + r["raw sql"];
  const rows = [...byModule].sort((a, b) => sum(b[1]) - sum(a[1]));
  console.log("module\treads\twrites\traw sql");
  for (const [module, r] of rows) console.log(`${module}\t${r.read}\t${r.write}\t${r["raw sql"]}`);
  const total = (k: string) => hits.filter((h) => h.kind === k).length;
  console.log(`TOTAL\t${total("read")}\t${total("write")}\t${total("raw sql")}`);
  if (list) for (const h of hits) console.log(`${h.file}:${h.line}\t${h.kind}\t${h.receiver}\t${h.table}`);
}
