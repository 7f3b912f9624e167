import { z } from "zod";

/** Stable error codes, the same in HTTP responses and WebSocket error frames. */
export const errorCode = z.enum([
  "validation_failed",
  "invalid_json",
  "frame_too_large",
  "unauthenticated",
  "invalid_credentials",
  "not_allowed",
  "not_found",
  "service_not_found",
  "chat_not_found",
  "chat_disabled",
  "consent_required",
  "identity_required",
  "identity_invalid",
  "operator_unavailable",
  "no_operator_available",
  "chat_closed",
  "rate_limited",
  "internal_error",
]);
export type ErrorCode = z.infer<typeof errorCode>;

/** Why a field was refused, so that a client can say it in its reader's language. */
export const fieldReason = z.enum([
  "required",
  "too_long",
  "too_short",
  "too_small",
  "too_big",
  "invalid_format",
  "invalid_choice",
  /** Another record already has this value (a name among siblings, an email). */
  "taken",
  "invalid",
]);
export type FieldReason = z.infer<typeof fieldReason>;

export const errorBody = z.object({
  error: z.object({
    code: errorCode,
    message: z.string(),
    /** The input field that is wrong, as a dotted path ("body.email"), when one is. */
    field: z.string().optional(),
    /** Why that field is wrong; `limit` is the length or number it passed. */
    reason: fieldReason.optional(),
    limit: z.number().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
