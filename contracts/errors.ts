import { z } from "zod";

/**
 * The one catalogue of error codes. Each code has exactly one HTTP status;
 * the server maps codes to statuses here and nowhere else.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  body_too_large: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  customer_not_found: 404,
  conflict: 409,
  already_set_up: 409,
  identity_taken: 409,
  case_closed: 409,
  // An offer on a reply to a case that is not solved (and not being solved by that reply).
  case_not_solved: 409,
  code_gone: 410,
  payload_too_large: 413,
  // Well-formed but refused by a rule of the domain (declining an idea without an explanation).
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  // A Range header past the end of a streamed file (academy lesson videos).
  range_not_satisfiable: 416,
  // The chat widget on a host page whose origin the workspace has not allowed (issue #22).
  origin_not_allowed: 403,
  // A messaging channel (issue #22) that an admin switched off: its inbound endpoint refuses messages.
  channel_disabled: 409,
  // A role the workspace requires 2FA for, signed in without it: only enrolment is allowed (issue #23).
  two_factor_required: 403,
  // Erasure or retention deletion refused: a legal hold (issue #23) keeps the data; the message names it.
  legal_hold: 409,
  // A GDPR export's download link past its expiry (issue #23): the file is gone or going.
  export_expired: 410,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code from the error catalogue" }),
      message: z.string().meta({ description: "Human-readable explanation" }),
      field: z.string().optional().meta({ description: "The input field at fault, as a dotted path" }),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof errorBodySchema>;
