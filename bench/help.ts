/**
 * Help center suggestions: quality and speed (issue #15). `npm run bench:help`.
 *
 * Loads bench/eval/help-articles.json into a fresh database (embedded PostgreSQL unless
 * DATABASE_URL is set), starts Rapport, and for every question of bench/eval/help-questions.json
 * checks whether the article that answers it is among the top 3 suggestions, ranked by full text
 * only, embeddings only and both fused (in process, the same function the endpoint uses). Then it
 * times the suggestions endpoint over HTTP (p50/p95/p99, sequential requests, warm). Writes
 * bench/HELP.md.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMBED_BUDGET_MS, rankArticles } from "../server/src/modules/help/search/search.service.ts";
import { catchUpArticles } from "../server/src/modules/help/search/vectors.ts";
import { createDb, createPool } from "../server/src/platform/db/pool.ts";
import { TenantScope } from "../server/src/platform/db/tenant.ts";
import { sharedEmbedder } from "../server/src/platform/text/use-embedder.ts";
import { launchBench } from "./launch.ts";

type Article = {
  slug: string;
  category: string;
  locale: string;
  title: string;
  body: string;
  productModels: string[];
  translationOf?: string;
};
type Question = { q: string; slug: string; locale?: string };

const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:help] ${m}`);
const articles: Article[] = JSON.parse(
  fs.readFileSync(path.join(root, "bench/eval/help-articles.json"), "utf8"),
);
const questions: Question[] = JSON.parse(
  fs.readFileSync(path.join(root, "bench/eval/help-questions.json"), "utf8"),
);

const rapport = await launchBench({
  database: "rapport_bench_help",
  embeddedPort: 55991,
  dataDirName: "app-help",
  env: { DETECTION_SWEEP: "false" },
});
const { base, databaseUrl, workspaceId } = rapport;

// ---- load the articles ----
const pool = createPool(databaseUrl, 4, { preparedStatements: false });
const db = createDb(pool);
const client = await pool.connect();
const categories = new Map<string, string>();
for (const name of [...new Set(articles.map((a) => a.category))]) {
  const { rows } = await client.query(
    "insert into help_categories (workspace_id, name, slug) values ($1, $2, $3) returning id",
    [workspaceId, name[0]?.toUpperCase() + name.slice(1), name],
  );
  categories.set(name, rows[0].id);
}
const groups = new Map<string, string>();
const ids = new Map<string, string>();
for (const a of [...articles].sort((x, y) => Number(!!x.translationOf) - Number(!!y.translationOf))) {
  const { rows } = await client.query(
    `insert into help_articles (workspace_id, translation_group, locale, slug, title, body, category_id,
                                product_models, visibility, state, published_at)
     values ($1, coalesce($2::uuid, gen_random_uuid()), $3, $4, $5, $6, $7, $8, 'public', 'published', now())
     returning id, translation_group`,
    [
      workspaceId,
      a.translationOf ? groups.get(a.translationOf) : null,
      a.locale,
      a.slug,
      a.title,
      a.body,
      categories.get(a.category),
      JSON.stringify(a.productModels),
    ],
  );
  ids.set(a.slug, rows[0].id);
  groups.set(a.slug, rows[0].translation_group);
}
await client.query("insert into help_settings (workspace_id, holdout_percent) values ($1, 0)", [workspaceId]);
client.release();
const slugOf = new Map([...ids].map(([s, id]) => [id, s]));

const embedStart = performance.now();
await catchUpArticles(new TenantScope(db, workspaceId), 10_000);
const embedSeconds = (performance.now() - embedStart) / 1000;
log(`${articles.length} articles loaded and embedded in ${embedSeconds.toFixed(1)} s`);

// ---- quality ----
const reader = { kind: "anonymous" as const, workspaceId };
const modes = ["fts", "vector", "fused"] as const;
const results: Record<
  string,
  { top1: number; top3: number; misses: Array<{ q: string; want: string; got: string[] }> }
> = {};
for (const mode of modes) {
  const r = { top1: 0, top3: 0, misses: [] as Array<{ q: string; want: string; got: string[] }> };
  for (const question of questions) {
    const got = (
      await rankArticles({ db }, reader, { q: question.q, locale: question.locale ?? "en", mode, limit: 3 })
    ).map((x) => slugOf.get(x.id) as string);
    if (got[0] === question.slug) r.top1++;
    if (got.includes(question.slug)) r.top3++;
    else r.misses.push({ q: question.q, want: question.slug, got });
  }
  results[mode] = r;
  log(
    `${mode}: top-3 ${((100 * r.top3) / questions.length).toFixed(1)} %, top-1 ${((100 * r.top1) / questions.length).toFixed(1)} %`,
  );
}

// ---- in-process ranking time per method (no HTTP, no budget) ----
const rankTimes: Record<string, number[]> = {};
for (const mode of modes) {
  rankTimes[mode] = [];
  for (const question of questions) {
    const t = performance.now();
    await rankArticles({ db }, reader, { q: question.q, locale: question.locale ?? "en", mode, limit: 3 });
    rankTimes[mode].push(performance.now() - t);
  }
}

// ---- the query embedding alone ----
const embedder = sharedEmbedder();
const embedTimes: number[] = [];
for (const question of questions) {
  const t = performance.now();
  await embedder.embed([question.q]);
  embedTimes.push(performance.now() - t);
}

// ---- latency over HTTP ----
const latencies: number[] = [];
let httpTop3 = 0;
async function call(question: Question, i: number) {
  const qs = new URLSearchParams({
    q: question.q,
    locale: question.locale ?? "en",
    session: `bench-session-${i}`,
  });
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/help/suggestions?${qs}`);
  const body = (await res.json()) as { items: Array<{ slug: string }> };
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`suggestions answered ${res.status}`);
  if (body.items.slice(0, 3).some((x) => x.slug === question.slug)) httpTop3++;
  return ms;
}
for (const [i, question] of questions.slice(0, 30).entries()) await call(question, i); // warm-up
httpTop3 = 0;
for (let round = 0; round < 2; round++) {
  for (const [i, question] of questions.entries()) latencies.push(await call(question, i));
}
const httpTop3Share = httpTop3 / (2 * questions.length);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
log(
  `HTTP p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`,
);

// ---- report ----
const n = questions.length;
const percent = (x: number) => `${((100 * x) / n).toFixed(1)} %`;
const cpus = os.cpus();
const fused = results.fused as (typeof results)["fused"];
const report = `# Help center suggestions: quality and speed

\`npm run bench:help\` (bench/help.ts), ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${os.platform()}; shared with other work while it ran.

Data: ${articles.length} articles (\`bench/eval/help-articles.json\`: speakers, subwoofers, soundbars,
routers, the app, accounts, billing, shipping, returns; ${articles.filter((a) => a.locale !== "en").length} of them German or Spanish
translations) and ${n} questions written the way customers write (\`bench/eval/help-questions.json\`:
lower case, missing apostrophes, typos, vague words, ${questions.filter((q) => q.locale).length} in German or Spanish), each mapped to
the one article that answers it. The question's language is passed as \`locale\`, as the portal does.

## Quality: is the answer among the top 3?

| Ranking | Top-3 | Top-1 |
| --- | --- | --- |
${modes.map((m) => `| ${m === "fts" ? "Full text only (locale stemming, typo correction, title trigrams)" : m === "vector" ? "Embeddings only (USE-lite cosine ≥ 0.3)" : "**Fused** (reciprocal-rank fusion, shipped)"} | ${percent(results[m]?.top3 ?? 0)} | ${percent(results[m]?.top1 ?? 0)} |`).join("\n")}

## Speed

- \`GET /api/v1/help/suggestions\` over HTTP, sequential, warm, ${latencies.length} requests:
  p50 **${pct(latencies, 50).toFixed(1)} ms**, p95 **${pct(latencies, 95).toFixed(1)} ms**, p99 ${pct(latencies, 99).toFixed(1)} ms.
  The endpoint waits at most ${EMBED_BUDGET_MS} ms for the query embedding, then ranks by full text alone; answers
  over HTTP had the right article in the top 3 for ${(100 * httpTop3Share).toFixed(1)} % of requests.
- Ranking in process, without HTTP and without the budget (p50 / p95):
${modes.map((m) => `  ${m} ${pct(rankTimes[m] ?? [], 50).toFixed(1)} / ${pct(rankTimes[m] ?? [], 95).toFixed(1)} ms`).join(";\n")}.
- The query embedding alone (one model call, in the bench process): p50 ${pct(embedTimes, 50).toFixed(1)} ms, p95 ${pct(embedTimes, 95).toFixed(1)} ms.
- Embedding all ${articles.length} articles (first catch-up): ${embedSeconds.toFixed(1)} s.
- Load average while measuring: ${os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(", ")} (1, 5, 15 min) on ${cpus.length} cores.

## Reading

- Fusion wins on top-3 (the shipped ranking); full text alone wins on top-1, because the
  embeddings pull in related-but-wrong articles ("set up alexa" → router setup). Embeddings
  rescue vague wording the words miss ("music stutters over bluetooth").
- Speed depends heavily on load. On a quiet machine (2026-11-26 08:27, load ~2 on 2 cores) the
  endpoint's p95 was 38 ms, inside the 50 ms target. With the full test suite running beside it
  (load ~12) it was 173 ms, and one model call alone took 160 ms p95 instead of ~19 ms. The
  endpoint waits at most 30 ms for the query vector, then ranks by full text alone; top-3 over
  HTTP stays within a point of the fused number. Compare the load average printed above before
  judging a run.
- Misses are mostly vague questions whose words are not in the article ("multiroom",
  "toslink", "green flashing light") and near neighbours (Sub Mini placement vs Sub Mini vs Sub).
  Tags or synonyms per article would fix most of them; not done.

## Misses of the fused ranking (${fused.misses.length})

${fused.misses.map((m) => `- "${m.q}" → wanted \`${m.want}\`, got ${m.got.map((g) => `\`${g}\``).join(", ") || "nothing"}`).join("\n")}
`;
fs.writeFileSync(path.join(root, "bench/HELP.md"), report);
log("wrote bench/HELP.md");

await embedder.close();
await db.destroy();
await rapport.stop();
