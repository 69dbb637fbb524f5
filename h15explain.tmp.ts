import path from "node:path";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "./server/src/platform/db/embedded.ts";
const e = await startEmbeddedPostgres({ dataDir: path.resolve("bench/.data"), port: 55992, password: "bench", logger: pino({ level: "warn" }) });
const u = new URL(e.url); u.pathname = "/rapport_bench_help_pages";
const c = new pg.Client({ connectionString: u.toString() }); await c.connect();
const ws = (await c.query("select id from workspaces limit 1")).rows[0].id;
const picked = `(select distinct on (translation_group) id, title, slug, locale, category_id, section_id, translation_group, updated_at
 from help_articles where workspace_id = $1 and state = 'published' and visibility = any('{public}'::text[])
 order by translation_group, array_position('{en}'::text[], locale), locale)`;
for (const q of [
  `explain analyze select category_id, section_id, count(*)::int from ${picked} p group by 1,2`,
  `explain analyze select * from (select p.*, row_number() over (partition by category_id, section_id order by title, id) rn from ${picked} p) x where rn <= 5 order by title, id`,
]) { const t = performance.now(); const r = await c.query(q, [ws]); console.log(r.rows.map((x) => x["QUERY PLAN"]).join("\n")); console.log("ms", performance.now() - t); }
await c.end(); await e.stop();
