import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorBodySchema } from "../../../../contracts/errors.ts";

/** The typed router every module registers its routes on. */
export function router(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** Error responses documented in OpenAPI for routes that need a signed-in caller. */
export const authErrors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
} as const;

export const withNotFound = { ...authErrors, 404: errorBodySchema } as const;

export const bearer: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { cookieAuth: [] }];

/** JSON has no dates: timestamps leave the API as ISO 8601 strings. */
export function iso<T extends Date | null>(d: T): T extends Date ? string : string | null {
  return (d === null ? null : (d as Date).toISOString()) as T extends Date ? string : string | null;
}
