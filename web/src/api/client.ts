import type { z } from "zod";
import { errorBodySchema } from "../../../contracts/errors.ts";

/** An HTTP error with the server's error code, message and (when given) the input field at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Reads both our error body `{error:{code,message,field}}` and Better Auth's `{code,message}`. */
async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError(res.status, code, message, field);
  }
  const loose = (body ?? {}) as { code?: unknown; message?: unknown };
  return new ApiError(
    res.status,
    typeof loose.code === "string" ? loose.code : `http_${res.status}`,
    typeof loose.message === "string" ? loose.message : res.statusText,
  );
}

type Options = { method?: string; body?: unknown };

/** Same-origin JSON call; cookies ride along and the browser adds Origin for the CSRF check. */
export async function api(path: string, opts: Options = {}): Promise<unknown> {
  const res = await fetch(path, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    credentials: "same-origin",
    headers:
      opts.body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return null;
  return res.json().catch(() => null);
}

/** Like api(), then validates the response with its contract so the UI never trusts a drifting shape. */
export async function apiParsed<T extends z.ZodType>(
  schema: T,
  path: string,
  opts?: Options,
): Promise<z.infer<T>> {
  return schema.parse(await api(path, opts));
}
