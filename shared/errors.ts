import { z } from "zod";

/** Stable error codes, the same in HTTP responses and WebSocket error frames. */
export const errorCode = z.enum([
  "validation_failed",
  "invalid_json",
  "unauthenticated",
  "invalid_credentials",
  "not_allowed",
  "not_found",
  "service_not_found",
  "chat_not_found",
  "processing_type_not_found",
  "processing_type_in_use",
  "operator_not_found",
  "canned_response_not_found",
  "ticket_not_found",
  /** A closed ticket can no longer be changed. */
  "ticket_closed",
  /** The record changed since the version the edit started from: reload, then choose (a chat's
   *  info save carries the record as it is now in `current`). */
  "edit_conflict",
  "faq_entry_not_found",
  /** No such export of this operator's (or its file is gone, or not written yet). */
  "export_not_found",
  "message_not_found",
  /** No such attachment, or not one of the asker's chats (nor of their services'). */
  "attachment_not_found",
  /** A system message holds no personal data: only customers' and operators' are masked. */
  "message_not_maskable",
  /** The only active administrator cannot be deactivated nor made an operator. */
  "last_administrator",
  /** Logged in with a password an administrator was shown: choose a new one first. */
  "password_change_required",
  "chat_disabled",
  /** The service is outside its business hours: no chat starts now. */
  "outside_business_hours",
  "service_archived",
  "identity_required",
  "identity_invalid",
  /** The page's origin is not among the service's allowed origins. */
  "origin_not_allowed",
  "operator_unavailable",
  "no_operator_available",
  "chat_closed",
  "rate_limited",
  "internal_error",
]);
export type ErrorCode = z.infer<typeof errorCode>;

/** The HTTP status each code is answered with (a WebSocket error frame carries the code alone). */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  not_allowed: 403,
  chat_disabled: 403,
  identity_required: 403,
  identity_invalid: 403,
  origin_not_allowed: 403,
  not_found: 404,
  service_not_found: 404,
  chat_not_found: 404,
  processing_type_not_found: 404,
  processing_type_in_use: 409,
  service_archived: 410,
  operator_not_found: 404,
  canned_response_not_found: 404,
  ticket_not_found: 404,
  ticket_closed: 409,
  edit_conflict: 409,
  faq_entry_not_found: 404,
  export_not_found: 404,
  message_not_found: 404,
  attachment_not_found: 404,
  message_not_maskable: 409,
  password_change_required: 403,
  last_administrator: 409,
  operator_unavailable: 409,
  no_operator_available: 409,
  outside_business_hours: 409,
  chat_closed: 409,
  rate_limited: 429,
  internal_error: 500,
};

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
  /** Past the deepest level a tree allows (`limit` levels). */
  "too_deep",
  /** An interval of business hours that ends before (or when) it starts. */
  "end_before_start",
  /** An interval of business hours that overlaps another of its day. */
  "overlapping",
  /** A Markdown link to anything but an http, https or mailto address. */
  "unsafe_link",
  /** A range past the end of the text (`limit`: the text's length). */
  "out_of_range",
  /** A range that cuts a character (a surrogate pair) in two. */
  "splits_character",
  /** A range that holds nothing but mask already. */
  "already_masked",
  /** A period of more days than one request covers (`limit` days). */
  "period_too_long",
  /** A file whose name's extension the attachment settings do not accept. */
  "type_not_allowed",
  /** A file whose bytes are not what its name says (a .png that is no PNG). */
  "content_mismatch",
  "invalid",
]);
export type FieldReason = z.infer<typeof fieldReason>;

export const errorBody = z.object({
  error: z.object({
    code: errorCode,
    message: z.string().describe("What went wrong, in English: for a log or a developer"),
    field: z
      .string()
      .optional()
      .describe('The input field that is wrong, as a dotted path ("body.email"), when one is'),
    reason: fieldReason
      .optional()
      .describe("Why that field is wrong, for a client to say in its reader's language"),
    limit: z.number().optional().describe("The length or number the field passed, when it did"),
    current: z
      .unknown()
      .optional()
      .describe(
        "For edit_conflict: the record as it is now (the route says its shape), to show beside the refused change",
      ),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
