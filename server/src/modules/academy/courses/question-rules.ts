import type { QuestionInput } from "../../../../../contracts/academy-courses.ts";
import { AppError } from "../../../platform/http/errors.ts";

/**
 * What makes a quiz question answerable: choice questions have at least two distinct choices
 * and name right ones among them (single: exactly one); short answers have no choices and at
 * least one accepted answer. `prefix` places the question in an imported file.
 */
export function checkQuestion(
  q: Pick<QuestionInput, "kind" | "choices" | "correct">,
  opts: { prefix?: string; code?: "unprocessable" | "validation_failed" } = {},
): void {
  const fail = (message: string, field: string) =>
    new AppError(opts.code ?? "unprocessable", message, `${opts.prefix ?? ""}${field}`);
  if (q.kind === "short") {
    if (q.choices.length > 0) throw fail("A short-answer question has no choices", "choices");
    if (q.correct.length === 0) throw fail("Give at least one accepted answer", "correct");
    return;
  }
  if (q.choices.length < 2) throw fail("A choice question needs at least two choices", "choices");
  const ids = new Set<string>();
  q.choices.forEach((c, i) => {
    if (ids.has(c.id)) throw fail(`Choice id "${c.id}" is used twice`, `choices.${i}.id`);
    ids.add(c.id);
  });
  const unknown = q.correct.findIndex((id) => !ids.has(id));
  if (unknown >= 0) throw fail(`"${q.correct[unknown]}" is not one of the choices`, `correct.${unknown}`);
  if (new Set(q.correct).size !== q.correct.length) throw fail("A right choice is named twice", "correct");
  if (q.kind === "single" && q.correct.length !== 1)
    throw fail("A single-choice question has exactly one right choice", "correct");
  if (q.kind === "multiple" && q.correct.length === 0)
    throw fail("Name at least one right choice", "correct");
}
