/**
 * Public help pages at 10,000 articles (issue #15): `npm run bench:help-pages`.
 *
 * Loads 10,000 published articles (in one SQL statement: 20 categories of 3 sections each, a
 * few loose articles per category) into a fresh database (embedded PostgreSQL unless
 * DATABASE_URL is set), starts a production Rapport (it needs `npm run build` first: the
 * pages are server-rendered), warms up, then times GET /help/articles/<slug> over loopback,
 * sequentially, for random articles; the home, a category and a section page are timed too.
 * Each request is a new visitor (no cookie), so every article request also records a view.
 * Target: article page p95 under 20 ms. Writes bench/HELP-PAGES.md.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchRoot, launchBench } from "./launch.ts";

const ARTICLES = 10_000;
const CATEGORIES = 20;
const SECTIONS = 3;
const ARTICLE_REQUESTS = 400;
const OTHER_REQUESTS = 60;
const TARGET_P95_MS = 20;
const log = (m: string) => console.log(`[bench:help-pages] ${m}`);

const rapport = await launchBench({
  database: "rapport_bench_help_pages",
  embeddedPort: 55992,
  dataDirName: "app-help-pages",
  env: { DETECTION_SWEEP: "false" },
});
const { base, databaseUrl, workspaceId } = rapport;

// ---- load: categories, sections, then every article in one statement ----
const started = performance.now();
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
await client.query(
  `insert into help_categories (workspace_id, name, slug, position)
   select $1, 'Topic ' || c, 'topic-' || c, c from generate_series(1, $2) c`,
  [workspaceId, CATEGORIES],
);
await client.query(
  `insert into help_sections (workspace_id, category_id, name, slug, position)
   select $1, hc.id, 'Part ' || s, 'part-' || s, s
   from help_categories hc cross join generate_series(1, $2) s where hc.workspace_id = $1`,
  [workspaceId, SECTIONS],
);
// Article n goes to category n % 20; one in ten is loose (no section), the rest spread over
// the category's sections. Bodies are a few paragraphs of markdown, like a real guide.
await client.query(
  `with cats as (
     select id, row_number() over (order by position) - 1 as k from help_categories where workspace_id = $1
   ), secs as (
     select s.id, s.category_id, s.position - 1 as k from help_sections s where s.workspace_id = $1
   )
   insert into help_articles (workspace_id, locale, slug, title, body, category_id, section_id,
                              visibility, state, published_at)
   select $1, 'en', 'guide-' || n, 'Guide ' || n || ': set up and fix speaker model ' || (n % 97),
          '## Before you start' || E'\\n\\n' || repeat('Make sure the speaker is on the same Wi-Fi as your phone. ', 8)
            || E'\\n\\n## Steps\\n\\n1. Open the app.\\n2. Tap **Settings**, then *Speakers*.\\n3. Hold the button for ten seconds.\\n\\n'
            || repeat('If the light blinks orange, restart your router and try again. ', 10),
          cats.id, case when n % 10 = 0 then null else secs.id end, 'public', 'published', now()
   from generate_series(1, $2) n
   join cats on cats.k = n % $3::int
   join secs on secs.category_id = cats.id and secs.k = (n / $3::int) % $4::int`,
  [workspaceId, ARTICLES, CATEGORIES, SECTIONS],
);
await client.query("vacuum (analyze) help_articles");
await client.end();
const loadSeconds = (performance.now() - started) / 1000;
log(`loaded ${ARTICLES} articles in ${loadSeconds.toFixed(1)} s`);

// ---- measure ----
async function timed(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${base}${url}`, { redirect: "manual" });
  const html = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (!html.includes("</html>")) throw new Error(`${url} is not a page`);
  return ms;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const randomArticle = () => `/help/articles/guide-${1 + Math.floor(Math.random() * ARTICLES)}`;

for (let i = 0; i < 100; i++) await timed(randomArticle()); // warm-up: JIT, pools, caches
const loadBefore = os.loadavg();
const articleTimes: number[] = [];
for (let i = 0; i < ARTICLE_REQUESTS; i++) articleTimes.push(await timed(randomArticle()));
const others: Record<string, number[]> = {
  "/help": [],
  "/help/topic-7": [],
  "/help/topic-7/part-2": [],
  "/help/topic-7/part-2?page=3": [],
};
for (const url of Object.keys(others)) {
  for (let i = 0; i < 10; i++) await timed(url);
  for (let i = 0; i < OTHER_REQUESTS; i++) others[url]?.push(await timed(url));
}
const loadAfter = os.loadavg();
await rapport.stop();

// ---- report ----
const p95 = pct(articleTimes, 95);
const verdict = p95 < TARGET_P95_MS ? "within" : "over";
const ms = (x: number) => x.toFixed(1);
const line = (xs: number[]) =>
  `p50 ${ms(pct(xs, 50))} ms, p95 ${ms(pct(xs, 95))} ms, p99 ${ms(pct(xs, 99))} ms`;
log(
  `article page (${articleTimes.length} requests): ${line(articleTimes)}, ${verdict} the ${TARGET_P95_MS} ms target`,
);
for (const [url, xs] of Object.entries(others)) log(`${url}: ${line(xs)}`);
const cpus = os.cpus();
const loads = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
const report = `# Public help pages at ${ARTICLES.toLocaleString("en")} articles

\`npm run bench:help-pages\` (bench/help-pages.ts), ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.
Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version};
the bench, Rapport and PostgreSQL share it, and other work may run beside them: load average
(1 / 5 / 15 min) ${loads(loadBefore)} before measuring, ${loads(loadAfter)} after (above ${cpus.length} means
something else competed for the CPUs).

Data: ${ARTICLES.toLocaleString("en")} published public articles (~1.3 kB of markdown each) in ${CATEGORIES} categories of ${SECTIONS}
sections, one in ten loose in its category; loaded in ${loadSeconds.toFixed(1)} s. Requests are sequential over
loopback, after 100 warm-up requests, each as a new visitor (so each article request also
records a view and sets the visitor cookie), for random articles.

| page | requests | p50 | p95 | p99 |
| --- | --- | --- | --- | --- |
| \`/help/articles/<slug>\` (target p95 < ${TARGET_P95_MS} ms) | ${articleTimes.length} | ${ms(pct(articleTimes, 50))} | **${ms(p95)}** | ${ms(pct(articleTimes, 99))} |
${Object.entries(others)
  .map(
    ([url, xs]) =>
      `| \`${url}\` | ${xs.length} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(pct(xs, 99))} |`,
  )
  .join("\n")}

Reading: the article page's p95 is ${verdict} the target in this run. An article page reads the
article, its translations, its category and section names and at most 20 sibling titles, and
writes one view; no page reads more than one page of titles (50) or the first 5 of each list,
whatever the size of the help center. Compare the load averages above before judging a run.

What was measured beside the bench (2026-11-26, same machine, never quiet: other sessions'
test suites ran throughout, load 3 to 23 on 2 cores):

- Server-side rendering of one article page (React, in process, 200 renders after warm-up):
  p50 19 ms with React's development build, 6–10 ms p50 (13–18 ms p95) with its production
  build. \`npm start\` did not set NODE_ENV, so production servers rendered every page with the
  development build; scripts/start.ts now defaults it to production.
- The list queries on this data, under load ~10: counts per category and section 14 ms
  (index-only scan; 73 ms before its index), the first 5 titles of every list 26 ms (was a
  sort of all 10,000 rows: 135 ms), one page of 50 titles 2 ms.
- Runs: 09:29 (development build, old list queries, load ~3): article p95 124 ms; 09:33
  (production build, load ~3–9): p95 97 ms, p50 32 ms; 09:40 (load ~13): p95 182 ms.
  So the 20 ms p95 target was not met in any run here, and this machine could not show
  whether it is met on a quiet one: the render alone takes 6–10 ms at p50.
`;
fs.writeFileSync(path.join(benchRoot, "bench/HELP-PAGES.md"), report);
log("wrote bench/HELP-PAGES.md");
