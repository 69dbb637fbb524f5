import type { ActionField } from "../../../../contracts/actions.ts";
import { AppError } from "../../platform/http/errors.ts";
import { fill, type PlaceholderValues } from "../agents/placeholders.ts";

/**
 * An action's form: the fields with defaults filled from the case, and the check a run's input
 * passes before anything is sent. Errors name `input.<key>` so the form can show them by the field.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type FormField = ActionField & { value: string | number | boolean | null; missing?: string[] };

/** Defaults filled for this case; a placeholder with no value leaves the field empty, flagged missing. */
export function formFields(fields: ActionField[], values: PlaceholderValues): FormField[] {
  return fields.map((f) => {
    if (f.default === undefined) return { ...f, value: f.type === "boolean" ? false : null };
    if (typeof f.default !== "string") return { ...f, value: f.default };
    const filled = fill(f.default, values);
    if (filled.missing.length > 0) return { ...f, value: null, missing: filled.missing };
    if (f.type === "number") {
      const n = Number(filled.text.trim());
      return Number.isFinite(n) && filled.text.trim() !== "" ? { ...f, value: n } : { ...f, value: null };
    }
    if (f.type === "boolean") return { ...f, value: filled.text.trim() === "true" };
    return { ...f, value: filled.text };
  });
}

const bad = (key: string, message: string) => new AppError("validation_failed", message, `input.${key}`);

/** The input, checked against the fields and normalised (numbers from numeric strings, trimmed text). */
export function checkInput(fields: ActionField[], input: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(input))
    if (!known.has(key)) throw bad(key, `${key} is not a field of this action`);
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = input[f.key];
    if (typeof v === "string") v = v.trim();
    if (v === undefined || v === null || v === "") {
      if (f.required) throw bad(f.key, `${f.label ?? f.key} is required`);
      continue;
    }
    switch (f.type) {
      case "text":
      case "textarea":
        if (typeof v !== "string") throw bad(f.key, `${f.key} must be text`);
        if (v.length > (f.type === "text" ? 500 : 5000)) throw bad(f.key, `${f.key} is too long`);
        break;
      case "number":
        if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) v = Number(v);
        if (typeof v !== "number" || !Number.isFinite(v)) throw bad(f.key, `${f.key} must be a number`);
        break;
      case "boolean":
        if (typeof v !== "boolean") throw bad(f.key, `${f.key} must be true or false`);
        break;
      case "select":
        if (typeof v !== "string" || !f.options?.includes(v))
          throw bad(f.key, `${f.key} must be one of: ${(f.options ?? []).join(", ")}`);
        break;
      case "date":
        if (typeof v !== "string" || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
          throw bad(f.key, `${f.key} must be a date (YYYY-MM-DD)`);
        break;
    }
    out[f.key] = v;
  }
  return out;
}
