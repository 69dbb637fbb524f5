import type { TFunction } from "i18next";
import type { z } from "zod";
import {
  type Definition,
  definitionSchema,
  type Step,
  type StepKind,
} from "../../../../contracts/playbooks.ts";

/** Editing helpers: blank steps per kind, and the schema's problems keyed by field path. */
export function blankStep(
  kind: StepKind,
  base: { id: string; title: string; body?: string | undefined },
): Step {
  const common = { id: base.id, title: base.title, ...(base.body ? { body: base.body } : {}) };
  switch (kind) {
    case "instruction":
      return { ...common, kind, next: "" };
    case "question":
      return { ...common, kind, choices: [{ label: "", next: "" }] };
    case "check":
      return { ...common, kind, branches: [{ when: "", next: "" }], otherwise: "" };
    case "outcome":
      return { ...common, kind, outcome: "resolved" };
  }
}

export function newDefinition(): Definition {
  return {
    name: "",
    topics: [],
    start: "start",
    steps: [
      { id: "start", kind: "instruction", title: "", next: "done" },
      { id: "done", kind: "outcome", title: "", outcome: "resolved" },
    ],
  };
}

export type Problem = { message: string; missing: boolean };

/**
 * Same checks as the server (the schema is shared), so problems show while typing. The
 * schema's generic messages ("Too small: expected string…") are said in plain words; `missing`
 * marks an empty required field, which the editor only points out once the person acted.
 */
export function problemsOf(def: Definition, t: TFunction): Map<string, Problem> {
  const result = definitionSchema.safeParse(def);
  const map = new Map<string, Problem>();
  if (result.success) return map;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!map.has(key)) map.set(key, plain(issue, t));
  }
  return map;
}

function plain(issue: z.core.$ZodIssue, t: TFunction): Problem {
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1)
    return { message: t("playbooks.problem.required"), missing: true };
  if (issue.code === "invalid_type") return { message: t("playbooks.problem.required"), missing: true };
  if (issue.code === "too_small" && issue.origin === "array")
    return { message: t("playbooks.problem.atLeast", { count: Number(issue.minimum) }), missing: true };
  if (issue.code === "too_big")
    return { message: t("playbooks.problem.tooLong", { count: Number(issue.maximum) }), missing: false };
  return { message: issue.message, missing: false };
}

/** The value at a problem's path ("steps.0.title"), for telling whether the person changed it. */
export function valueAt(def: unknown, path: string): unknown {
  let v: unknown = def;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export function nextStepId(def: Definition): string {
  for (let i = def.steps.length + 1; ; i++) {
    const id = `step-${i}`;
    if (!def.steps.some((s) => s.id === id)) return id;
  }
}
