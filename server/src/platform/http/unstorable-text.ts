import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "./errors.ts";

/**
 * PostgreSQL cannot store two things a JSON string or a URL can carry: the NUL character
 * (text and jsonb refuse it, 22021) and lone UTF-16 surrogates such as "\ud800" (jsonb refuses
 * them, 22P02/22P05; text columns would silently get U+FFFD). No field of this API has a use
 * for either, so they are refused for every route here, once, naming the field, instead of
 * surfacing as 500s from whichever query first meets them.
 *
 * It runs as the first preHandler: after authentication (strangers still get 401) and after
 * the zod contract (type errors are named first), before any handler touches the database.
 * JSON bodies are refused; raw bodies (an email posted as message/rfc822 or text/plain)
 * are bytes that may rightly contain NUL and are not read. HTML form posts (the public pages'
 * forms: surveys, appeals, community, help votes) are cleaned instead of refused: their
 * answer is a page, not a JSON error, and a stray NUL pasted into a comment should not cost
 * the visitor what they wrote.
 */
export function installUnstorableTextGuard(app: FastifyInstance) {
  // A callback hook, not an async one: it runs on every request, and needs no promise.
  app.addHook("preHandler", (request, _reply, done) => {
    try {
      refuseUnstorable(request.params, "params");
      refuseUnstorable(request.query, "query");
      if (hasJsonBody(request)) refuseUnstorable(request.body, "body");
      else if (hasFormBody(request)) request.body = withoutUnstorable(request.body);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}

/** Throws a 400 naming the field (or `where`, for a bad key at the top) holding bad text. */
export function refuseUnstorable(value: unknown, where: string) {
  const bad = findUnstorable(value);
  if (!bad) return;
  const field = bad.path || where;
  throw new AppError("validation_failed", `${field} ${bad.problem}`, field);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function hasJsonBody(request: FastifyRequest): boolean {
  if (request.body === undefined || request.body === null || Buffer.isBuffer(request.body)) return false;
  return JSON_TYPE.test(request.headers["content-type"] ?? "");
}

// Only url-encoded forms: their parsed body is plain strings. Multipart bodies hold file
// objects with methods, which a copy would break; their text fields go through zod and the
// routes that read them.
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

function hasFormBody(request: FastifyRequest): boolean {
  const body = request.body;
  if (typeof body !== "object" || body === null || Buffer.isBuffer(body)) return false;
  return FORM_TYPE.test(request.headers["content-type"] ?? "");
}

/** A form body with NUL characters and lone surrogates removed from every field and value. */
export function withoutUnstorable(body: unknown): unknown {
  const clean = (text: string) => text.replaceAll("\u0000", "").replace(/\p{Surrogate}/gu, "");
  if (typeof body === "string") return clean(body);
  if (Array.isArray(body)) return body.map(withoutUnstorable);
  if (typeof body !== "object" || body === null || Buffer.isBuffer(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[clean(key)] = withoutUnstorable(value);
  return out;
}

function problemOf(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (!text.isWellFormed()) return "contains a lone UTF-16 surrogate, which is not valid Unicode";
  return undefined;
}

/**
 * The first string (value or object key) that cannot be stored, with its dotted path
 * (`facts.0.value`, as validation errors name fields). A bad key is reported at its parent,
 * as diagnostics snapshots do, so the key itself is never echoed. Iterative, with an explicit
 * stack: JSON nested thousands deep must not overflow the call stack.
 */
export function findUnstorable(root: unknown): { path: string; problem: string } | undefined {
  const stack: Array<[unknown, string]> = [[root, ""]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === "string") {
      const problem = problemOf(value);
      if (problem) return { path, problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], join(path, String(i))]);
    } else if (typeof value === "object" && value !== null && !Buffer.isBuffer(value)) {
      const keys = Object.keys(value);
      for (const key of keys) {
        const problem = problemOf(key);
        if (problem) return { path, problem: `has a key that ${problem}` };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push([(value as Record<string, unknown>)[key], join(path, key)]);
      }
    }
  }
  return undefined;
}

const join = (parent: string, segment: string) => (parent === "" ? segment : `${parent}.${segment}`);
