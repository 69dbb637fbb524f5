/**
 * The tone classifier (issue #20): quality per class and throughput. `npm run bench:tone`.
 *
 * Quality: precision and recall per outcome on the labelled set
 * (server/src/platform/text/tone/eval-set.ts), on the part the rules were tuned on ("dev") and
 * on the held-out part (every 4th message) separately, plus the confusion matrix.
 * Speed: the whole set assessed over and over in ONE thread for about 10 s (after a warm-up),
 * reported as messages per second, with the per-message p50/p99. No database, no server: the
 * classifier is pure. Prints markdown; bench/TONE.md quotes it.
 */

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assessTone, TONE_MODEL } from "../server/src/platform/text/tone/assess.ts";
import {
  TONE_FRESH_1,
  TONE_FRESH_2,
  TONE_FRESH_3,
  TONE_FRESH_4,
  TONE_FRESH_5,
} from "../server/src/platform/text/tone/eval-fresh.ts";
import { TONE_INDEPENDENT } from "../server/src/platform/text/tone/eval-independent.ts";
import { isHeldOut, TONE_EVAL, type ToneExample } from "../server/src/platform/text/tone/eval-set.ts";
import type { ToneOutcome } from "../server/src/platform/text/tone/types.ts";

const OUTCOMES: ToneOutcome[] = ["neutral", "frustrated", "abusive"];
const seconds = Number(process.env.TONE_BENCH_SECONDS ?? 10);

function quality(part: string, examples: ToneExample[]) {
  const confusion: Record<string, number> = {};
  examples.forEach((example) => {
    const got = assessTone(example.text, { agentNames: example.agentNames }).outcome;
    confusion[`${example.label}>${got}`] = (confusion[`${example.label}>${got}`] ?? 0) + 1;
  });
  const cell = (label: string, got: string) => confusion[`${label}>${got}`] ?? 0;
  const lines = [
    `### ${part} (${Object.values(confusion).reduce((a, b) => a + b, 0)} messages)`,
    "",
    "| Class | Precision | Recall | Messages |",
    "| --- | --- | --- | --- |",
  ];
  for (const label of OUTCOMES) {
    const tp = cell(label, label);
    const predicted = OUTCOMES.reduce((sum, l) => sum + cell(l, label), 0);
    const actual = OUTCOMES.reduce((sum, g) => sum + cell(label, g), 0);
    lines.push(
      `| ${label} | ${(tp / Math.max(1, predicted)).toFixed(3)} | ${(tp / Math.max(1, actual)).toFixed(3)} | ${actual} |`,
    );
  }
  const frustrated = OUTCOMES.reduce((sum, g) => sum + cell("frustrated", g), 0);
  lines.push(
    "",
    `Frustrated flagged abusive: ${cell("frustrated", "abusive")} of ${frustrated} (${((100 * cell("frustrated", "abusive")) / Math.max(1, frustrated)).toFixed(1)} %).`,
    "",
    `Confusion (label → outcome): ${OUTCOMES.flatMap((l) => OUTCOMES.map((g) => `${l}→${g} ${cell(l, g)}`)).join(", ")}.`,
    "",
  );
  return lines.join("\n");
}

// What a real reply around a message looks like: greeting, signature, quoted history.
const HISTORY = `\n\nBest regards,\nAlex Morgan\nOperations, Northwind Ltd\nTel. +44 20 7946 0000\n\nOn Mon, 2 Mar 2026 at 10:00, Rapport Support <support@example.com> wrote:\n${"> Thank you for contacting us. We have looked into your request and will get back to you with an update as soon as we can. Your reference is shown above.\n".repeat(8)}`;

function throughput(label: string, wrap: (text: string) => string) {
  const texts = TONE_EVAL.map((e) => [wrap(e.text), e.agentNames] as const);
  for (let i = 0; i < 3; i++) for (const [text, agentNames] of texts) assessTone(text, { agentNames });
  const perMessage: number[] = [];
  let done = 0;
  let chars = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const [text, agentNames] of texts) {
      const t0 = performance.now();
      assessTone(text, { agentNames });
      perMessage.push(performance.now() - t0);
      chars += text.length;
      done++;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  perMessage.sort((a, b) => a - b);
  const at = (q: number) => perMessage[Math.floor(q * (perMessage.length - 1))]?.toFixed(3);
  return [
    `- ${label}: ${done} assessments in ${elapsed.toFixed(1)} s on one thread: **${Math.round(done / elapsed)} messages/s**`,
    `  (average message ${Math.round(chars / done)} characters); per message p50 ${at(0.5)} ms, p99 ${at(0.99)} ms.`,
  ].join("\n");
}

/**
 * Precision on text nobody labelled: paragraphs of the installed packages' documentation are
 * not abuse. Every paragraph flagged abusive is listed so a person can judge it.
 */
function documentationPrecision() {
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 3 || files.length >= 3000) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (/\.md$/i.test(entry.name) && !/changelog|history/i.test(entry.name)) files.push(full);
    }
  };
  walk(path.resolve(import.meta.dirname, "../node_modules"), 0);
  const counts: Record<string, number> = { neutral: 0, frustrated: 0, abusive: 0 };
  const flagged: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, " ");
    for (const paragraph of text.split(/\n\s*\n/)) {
      if (paragraph.length < 20 || paragraph.length > 2000) continue;
      const { outcome, signals } = assessTone(paragraph);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      if (outcome === "abusive") {
        flagged.push(
          `  - ${path.relative("node_modules", file)}: "${signals[0]?.text ?? ""}" (${signals[0]?.kind})`,
        );
      }
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    `### Unlabelled text: package documentation (${total} paragraphs of ${files.length} files)`,
    "",
    `Flagged abusive: ${counts.abusive}; frustrated: ${counts.frustrated}; neutral: ${counts.neutral}.`,
    ...flagged,
    "",
  ].join("\n");
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`## ${TONE_MODEL}: ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()}.\n`,
);
console.log(
  quality(
    "dev",
    TONE_EVAL.filter((_, i) => !isHeldOut(i)),
  ),
);
console.log(
  quality(
    "held-out",
    TONE_EVAL.filter((_, i) => isHeldOut(i)),
  ),
);
const rounds = [TONE_FRESH_1, TONE_FRESH_2, TONE_FRESH_3, TONE_FRESH_4, TONE_FRESH_5];
rounds.forEach((round, i) => {
  console.log(quality(`fresh round ${i + 1} (written after the rules, now)`, round));
});
console.log(quality("independent (written by another person, before reading the rules)", TONE_INDEPENDENT));
console.log(documentationPrecision());
console.log("### Speed\n");
console.log(throughput("The set as written", (text) => text));
console.log(throughput("Each message as an email reply", (text) => `Hello,\n\n${text}${HISTORY}`));
