import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../../../../contracts/errors.ts";

/** The error every service throws. Its status comes from the catalogue in contracts/errors.ts. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (message = "You are not allowed to do this") => new AppError("forbidden", message);

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/**
 * Turns anything thrown in a request into the single error shape. Unexpected errors are
 * logged with the request id and shown as a bland 500, never with internals.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.field));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? "body";
      const path = first?.instancePath?.replace(/^\//, "").replaceAll("/", ".") ?? "";
      const unknownKey = (first?.params as { keys?: string[] } | undefined)?.keys?.[0];
      const field = [path, unknownKey].filter(Boolean).join(".") || where;
      const message = unknownKey ? `Unknown field "${field}"` : `${field}: ${first?.message ?? "is invalid"}`;
      return reply.status(400).send(errorBody("validation_failed", message, field));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, "response did not match its contract");
      return reply.status(500).send(errorBody("internal", "Something went wrong on our side"));
    }
    switch (err.code) {
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return reply
          .status(400)
          .send(errorBody("invalid_json", "The request body is not valid JSON", "body"));
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return reply
          .status(400)
          .send(errorBody("body_too_large", "The request body is larger than this endpoint accepts", "body"));
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return reply
          .status(400)
          .send(errorBody("validation_failed", "Send the body as application/json", "content-type"));
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(errorBody("rate_limited", "Too many requests; try again shortly"));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody("validation_failed", err.message));
    }
    request.log.error({ err }, "unhandled error");
    return reply.status(500).send(errorBody("internal", "Something went wrong on our side"));
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(errorBody("not_found", `No route for ${request.method} ${request.url.split("?")[0]}`));
  });
}
