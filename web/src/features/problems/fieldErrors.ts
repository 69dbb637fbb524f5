import { ApiError } from "../../api/client.ts";

/**
 * A server error shown where it belongs: on the field it names (`field`, a dotted path such as
 * "affectedProducts.0.firmware"), else as a message for the whole form. The server words
 * validation messages "<field>: <problem>"; beside the field itself the prefix is dropped.
 */
export function splitError(
  err: unknown,
  fallback: string,
): { fields: Record<string, string>; form: string | null } {
  if (err instanceof ApiError && err.field) {
    const message = err.message.startsWith(`${err.field}: `)
      ? err.message.slice(err.field.length + 2)
      : err.message;
    return { fields: { [err.field]: message }, form: null };
  }
  return { fields: {}, form: err instanceof ApiError ? err.message : err ? fallback : null };
}
