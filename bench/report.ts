import fs from "node:fs";
import path from "node:path";

/**
 * Writes bench/RESULTS.md and bench/p95-by-scale.svg from every bench/results/<scale>.json,
 * so the figures, their SQL references and their growth with data size sit side by side.
 */
type Row = {
  scenario: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  sqlP50: number;
  sqlP95: number;
  non2xx: number;
  requests: number;
  load1?: number;
};
type Result = {
  scale: string;
  date: string;
  commit: string;
  connections: number;
  seconds: number;
  loadSeconds: number;
  machine: { cpus: number; model: string; memoryGb: number };
  counts: Record<string, number>;
  memoryMb: { rapport: number; postgres: number; postgresRssSum?: number };
  loadBefore?: number[];
  loadAfter?: number[];
  results: Row[];
};

const ORDER = ["small", "tenth", "full"];
const TARGETS: Record<string, string> = {
  lookup: "p95 ≤ 10 ms",
  "inbox-mine": "p95 ≤ 15 ms",
  "inbox-unassigned": "p95 ≤ 15 ms",
  "inbox-team": "p95 ≤ 15 ms",
  "inbox-deep": "p95 ≤ 15 ms",
  "case-page": "p95 ≤ 20 ms",
  "customer-panel": "p95 ≤ 20 ms",
  search: "p95 ≤ 50 ms",
  "search-outage": "p95 ≤ 50 ms",
  "case-create": "≥ 1,000/s",
  reply: "—",
};

export function writeReport(dir: string) {
  const results = ORDER.map((s) => path.join(dir, "results", `${s}.json`))
    .filter((f) => fs.existsSync(f))
    .map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as Result);
  const lines = [
    "# Benchmark results",
    "",
    "Produced by `npm run bench -- --scale <small|tenth|full>` (see `bench/run.ts`). Each scenario is driven",
    "over HTTP with autocannon at fixed concurrency after a warm-up; beside each read, the very",
    "statements the API runs for it (captured from the app's own code, `bench/reference.ts`) run",
    "directly on PostgreSQL at the same concurrency, through the app's pool, so prepared the same way",
    "(the physical reference).",
    "Latencies in milliseconds. Ratio = API p50 / SQL p50 (target ≤ 1.5×).",
    "",
  ];
  for (const r of results) {
    lines.push(`## Scale: ${r.scale}`, "");
    lines.push(
      `- Date ${r.date}, commit ${r.commit}; machine: ${r.machine.cpus} cores (${r.machine.model}), ${r.machine.memoryGb} GB.`,
    );
    lines.push(
      `- Data: ${Object.entries(r.counts)
        .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
        .join(", ")}; loaded in ${r.loadSeconds.toFixed(0)} s.`,
    );
    const pss = r.memoryMb.postgresRssSum !== undefined;
    lines.push(
      `- ${r.connections} connections, ${r.seconds} s per scenario. Memory at idle after the run${pss ? " (proportional set size, shared buffers counted once)" : " (RSS)"}: Rapport ${r.memoryMb.rapport} MB, PostgreSQL ${r.memoryMb.postgres} MB${pss ? ` (sum of per-process RSS: ${r.memoryMb.postgresRssSum} MB)` : ""}.`,
    );
    if (r.loadBefore)
      lines.push(
        `- Machine load averages (1/5/15 min; 2 cores, which autocannon, Rapport and PostgreSQL share; above 2 means something else competed): ${r.loadBefore.join(" / ")} before, ${r.loadAfter?.join(" / ") ?? "?"} after; per scenario, the 1-min load at its end.`,
      );
    lines.push("");
    lines.push(
      "| scenario | target | req/s | p50 | p95 | p99 | SQL p50 | SQL p95 | ratio | errors | load |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const x of r.results) {
      const ratio = x.sqlP50 > 0 ? `${(x.p50 / x.sqlP50).toFixed(1)}×` : "—";
      const sql = x.sqlP50 > 0 ? [x.sqlP50, x.sqlP95] : ["—", "—"];
      lines.push(
        `| ${x.scenario} | ${TARGETS[x.scenario] ?? ""} | ${x.rps} | ${x.p50} | ${x.p95} | ${x.p99} | ${sql[0]} | ${sql[1]} | ${ratio} | ${x.non2xx} | ${x.load1 ?? "—"} |`,
      );
    }
    lines.push("");
  }
  const email = path.join(dir, "results", "email.json");
  if (fs.existsSync(email)) {
    const e = JSON.parse(fs.readFileSync(email, "utf8"));
    lines.push("## Email intake (`npm run bench:email`)", "");
    lines.push(
      `- Date ${e.date}, commit ${e.commit}; ${e.machine.cpus} cores, ${e.machine.memoryGb} GB. ${e.messages} messages over SMTP on 8 connections.`,
    );
    lines.push("", "| measure | per second | target |", "|---|---|---|");
    lines.push(`| accepted over SMTP (stored durably, 250 sent) | ${e.acceptedPerSecond} | |`);
    lines.push(`| through the whole pipeline (parsed, threaded, applied) | ${e.pipelinePerSecond} | ≥ 300 |`);
    lines.push(
      `| reference: raw single-row INSERTs of the same bytes, 8 connections | ${e.rawInsertPerSecond} | |`,
    );
    if (e.cpuMsPerMessage !== undefined) {
      // Wall-clock rates move with whatever else the shared machine runs; CPU per message does not.
      lines.push(
        `| CPU-bound rate: cores ÷ CPU per message (${e.cpuMsPerMessage} ms, Rapport + PostgreSQL) | ${e.cpuBoundPerSecond} | |`,
        "",
        `- Machine load averages at the end (1/5/15 min, 2 cores shared with other work): ${e.loadAverage.join(" / ")}.`,
      );
    }
    lines.push("");
  }
  lines.push("![p95 latency by scale](p95-by-scale.svg)", "");
  const notes = path.join(dir, "NOTES.md");
  if (fs.existsSync(notes)) lines.push(fs.readFileSync(notes, "utf8"));
  fs.writeFileSync(path.join(dir, "RESULTS.md"), `${lines.join("\n")}\n`);
  fs.writeFileSync(path.join(dir, "p95-by-scale.svg"), plot(results));
}

function plot(results: Result[]): string {
  const W = 720,
    H = 360,
    L = 60,
    B = 40,
    T = 20,
    R = 170;
  const scenarios = [...new Set(results.flatMap((r) => r.results.map((x) => x.scenario)))];
  // Logarithmic: search is ten times slower than the rest, and on a linear axis every other
  // line lay flat along the bottom. Growth reads the same way on any line: equal slopes, equal ratios.
  const values = results.flatMap((r) => r.results.map((x) => x.p95)).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values, 10)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const x = (i: number) => L + (results.length <= 1 ? 0 : (i * (W - L - R)) / (results.length - 1));
  const y = (v: number) =>
    H -
    B -
    ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (H - B - T);
  const colours = [
    "#1864ab",
    "#c92a2a",
    "#2b8a3e",
    "#e67700",
    "#5f3dc4",
    "#0b7285",
    "#a61e4d",
    "#495057",
    "#862e9c",
    "#364fc7",
  ];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="p95 latency by data scale" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    "<title>p95 latency (ms, logarithmic axis) of each scenario by data scale</title>",
  ];
  parts.push(`<text x="${L}" y="14">p95 latency (ms, logarithmic) by data scale</text>`);
  parts.push(
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
  );
  for (const [i, r] of results.entries())
    parts.push(`<text x="${x(i)}" y="${H - B + 16}" text-anchor="middle">${r.scale}</text>`);
  for (let v = lo; v <= hi; v *= 10) {
    for (const m of [1, 2, 5]) {
      if (v * m > hi) break;
      parts.push(
        `<line x1="${L}" y1="${y(v * m)}" x2="${W - R}" y2="${y(v * m)}" stroke="#ddd"/>`,
        `<text x="${L - 6}" y="${y(v * m) + 4}" text-anchor="end">${v * m}</text>`,
      );
    }
  }
  for (const [k, s] of scenarios.entries()) {
    const pts = results.map((r, i) => [x(i), y(r.results.find((e) => e.scenario === s)?.p95 ?? 0)] as const);
    const c = colours[k % colours.length];
    parts.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map((p) => p.join(",")).join(" ")}"/>`,
    );
    for (const p of pts) parts.push(`<circle cx="${p[0]}" cy="${p[1]}" r="3" fill="${c}"/>`);
    parts.push(`<text x="${W - R + 10}" y="${T + 14 * k + 10}" fill="${c}">${s}</text>`);
  }
  parts.push("</svg>");
  return parts.join("\n");
}
