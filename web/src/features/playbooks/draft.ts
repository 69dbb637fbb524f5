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

/** Same checks as the server (the schema is shared), so problems show while typing. */
export function problemsOf(def: Definition): Map<string, string> {
  const result = definitionSchema.safeParse(def);
  const map = new Map<string, string>();
  if (result.success) return map;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!map.has(key)) map.set(key, issue.message);
  }
  return map;
}

export function nextStepId(def: Definition): string {
  for (let i = def.steps.length + 1; ; i++) {
    const id = `step-${i}`;
    if (!def.steps.some((s) => s.id === id)) return id;
  }
}
