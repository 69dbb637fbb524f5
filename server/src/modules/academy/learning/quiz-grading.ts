import { randomInt } from "node:crypto";
import type { QuestionKind, QuizChoice } from "../schema-academy.ts";

/**
 * Pure quiz rules: the layout an attempt is shown in, and grading. Kept apart from SQL so the
 * rules read in one place.
 */

export type Layout = { questions: string[]; choices: Record<string, string[]> };
export type Question = {
  id: string;
  kind: QuestionKind;
  prompt: string;
  choices: QuizChoice[];
  correct: string[];
  explanation: string;
};

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The order an attempt shows its questions and choices in, fixed for the attempt once chosen. */
export function newLayout(
  questions: Question[],
  opts: { shuffleQuestions: boolean; shuffleChoices: boolean },
): Layout {
  const order = opts.shuffleQuestions ? shuffled(questions) : questions;
  return {
    questions: order.map((q) => q.id),
    choices: Object.fromEntries(
      order.map((q) => {
        const ids = q.choices.map((c) => c.id);
        return [q.id, opts.shuffleChoices ? shuffled(ids) : ids];
      }),
    ),
  };
}

/** Questions as the layout shows them; questions deleted since the attempt began drop out. */
export function arrange(questions: Question[], layout: Layout): Question[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return layout.questions.flatMap((id) => {
    const q = byId.get(id);
    if (!q) return [];
    const order = layout.choices[id] ?? q.choices.map((c) => c.id);
    const rank = new Map(order.map((c, i) => [c, i]));
    const choices = [...q.choices].sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
    return [{ ...q, choices }];
  });
}

/** Short answers match ignoring case and runs of spaces. */
export function normaliseShort(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

export type AnswerInput = string[] | string;

export class AnswerError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Checks the submitted answers name only questions of this attempt and choices of those
 * questions, and have the shape each kind takes. Returns each question's answer as a list.
 */
export function validateAnswers(
  questions: Question[],
  answers: Record<string, AnswerInput>,
): Map<string, string[]> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const out = new Map<string, string[]>();
  for (const [questionId, answer] of Object.entries(answers)) {
    const field = `answers.${questionId}`;
    const q = byId.get(questionId);
    if (!q) throw new AnswerError(field, "This question is not part of the attempt");
    if (q.kind === "short") {
      if (typeof answer !== "string") throw new AnswerError(field, "A short-answer question takes text");
      out.set(questionId, [answer]);
      continue;
    }
    if (!Array.isArray(answer)) throw new AnswerError(field, "A choice question takes a list of choice ids");
    const known = new Set(q.choices.map((c) => c.id));
    const unknown = answer.find((c) => !known.has(c));
    if (unknown !== undefined) throw new AnswerError(field, `"${unknown}" is not a choice of this question`);
    const unique = [...new Set(answer)];
    if (q.kind === "single" && unique.length > 1)
      throw new AnswerError(field, "A single-choice question takes one choice");
    out.set(questionId, unique);
  }
  return out;
}

export function isCorrect(q: Question, answer: string[] | undefined): boolean {
  if (!answer || answer.length === 0) return false;
  if (q.kind === "short") {
    const given = normaliseShort(answer[0] ?? "");
    return given !== "" && q.correct.some((c) => normaliseShort(c) === given);
  }
  const right = new Set(q.correct);
  return answer.length === right.size && answer.every((c) => right.has(c));
}

/** Percent of questions right, rounded down, so a pass mark is never reached by rounding. */
export function scorePercent(right: number, total: number): number {
  return total === 0 ? 100 : Math.floor((right * 100) / total);
}
