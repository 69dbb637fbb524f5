import type { z } from "zod";

/**
 * The fields a zod schema rejects. Messages come from i18n, not zod, so callers map
 * each failing field to translated text.
 */
export function failingFields(schema: z.ZodType, values: unknown): Set<string> {
  const result = schema.safeParse(values);
  return new Set(result.success ? [] : result.error.issues.map((issue) => issue.path.join(".")));
}
