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
 * Only JSON bodies are read: raw bodies (an email posted as message/rfc822 or text/plain)
 * are bytes that may rightly contain NUL.
 */
export function installUnstorableTextGuard(app: FastifyInstance) {
  // A callback hook, not an async one: it runs on every request, and needs no promise.
  app.addHook("preHandler", (request, _reply, done) => {
    try {
      refuseUnstorable(request.params, "params");
      refuseUnstorable(request.query, "query");
      if (hasJsonBody(request)) refuseUnstorable(request.body, "body");
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
