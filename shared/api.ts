/** Request and response bodies of the REST API. The server validates with these and the OpenAPI
 *  document is generated from them; the console and the widget take their types from them. */
import { z } from "zod";
import {
  attachmentFile,
  attachmentLimits,
  attachmentLimitsResponse,
  attachmentResponse,
} from "./attachments.js";
import {
  datePattern,
  MAX_CLOSED_DATES,
  MAX_INTERVALS_PER_DAY,
  timePattern,
  weekdays,
} from "./business-hours.js";
import {
  createProcessingTypeBody,
  moveProcessingTypeBody,
  processingType,
  processingTypeListResponse,
  processingTypeResponse,
  renameProcessingTypeBody,
  setRetiredBody,
} from "./categories.js";
import { channel, chatState, chatSummary, language, message, storable } from "./chat.js";
import { auditSubjects, operatorRoles, operatorStatuses } from "./domain.js";
import { errorBody } from "./errors.js";
import {
  MAX_ALLOWED_ORIGINS,
  MAX_CUSTOMER_EMAIL_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_CUSTOMER_NOTES_LENGTH,
  MAX_QUEUE_LENGTH,
  MAX_QUEUE_TIMEOUT_MINUTES,
} from "./limits.js";
import { type OriginProblem, siteOriginOf } from "./origins.js";

export const operatorRole = z.enum(operatorRoles);
export const operatorStatus = z.enum(operatorStatuses);
export type OperatorStatus = z.infer<typeof operatorStatus>;

export const operator = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: operatorRole,
  status: operatorStatus,
  /** Logged in with a password an administrator was shown: they choose their own before
   *  anything else. */
  passwordChangeRequired: z.boolean(),
});
export type Operator = z.infer<typeof operator>;

/** A service the operator belongs to; only with chat permission do they get its chats. */
export const membership = z.object({ serviceId: z.uuid(), chatPermission: z.boolean() });
export type Membership = z.infer<typeof membership>;

/** An operator as administrators manage them. */
export const managedOperator = operator.extend({
  /** Concurrent chats they may hold; null: the installation's limit. */
  chatLimit: z.number().int().nullable(),
  /** False once deactivated: no login, no chats; their history keeps their name. */
  active: z.boolean(),
  memberships: z.array(membership),
});
export type ManagedOperator = z.infer<typeof managedOperator>;

/** An operator as administrators see them: with their presence and load. */
export const operatorPresence = managedOperator.extend({
  /** A live console now, or within the grace period: only connected online operators get chats. */
  connected: z.boolean(),
  /** Chats waiting or in progress: the in-chat count. */
  openChats: z.number().int().nonnegative(),
});
export type OperatorPresence = z.infer<typeof operatorPresence>;
export const operatorListResponse = z.object({ operators: z.array(operatorPresence) });
export type OperatorListResponse = z.infer<typeof operatorListResponse>;

export const loginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBody>;

export const operatorResponse = z.object({ operator });
export type OperatorResponse = z.infer<typeof operatorResponse>;

export const setStatusBody = z.object({ status: operatorStatus });
export type SetStatusBody = z.infer<typeof setStatusBody>;

export const chatParams = z.object({ chatId: z.uuid() });

export const messageParams = z.object({ messageId: z.uuid() });

/** A range of a message's text to mask, in UTF-16 code units as a browser's selection gives
 *  them (`start` included, `end` excluded). */
export const maskMessageBody = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type MaskMessageBody = z.infer<typeof maskMessageBody>;
export const messageResponse = z.object({ message });
export type MessageResponse = z.infer<typeof messageResponse>;

export const chatListResponse = z.object({ chats: z.array(chatSummary) });
export type ChatListResponse = z.infer<typeof chatListResponse>;
export const chatResponse = z.object({ chat: chatSummary });

/** Customer info and inquiry info, saved together (PRODUCT.md, 保存). Each part names the version
 *  it was edited from: a save based on an older one is refused (edit_conflict). Blank texts are
 *  sent as null. */
export const chatInfoBody = z.object({
  customer: z.object({
    version: z.number().int().positive(),
    name: storable(z.string().trim().min(1).max(MAX_CUSTOMER_NAME_LENGTH)).nullable(),
    email: z.email().max(MAX_CUSTOMER_EMAIL_LENGTH).nullable(),
    notes: storable(z.string().trim().min(1).max(MAX_CUSTOMER_NOTES_LENGTH)).nullable(),
  }),
  inquiry: z.object({
    version: z.number().int().positive(),
    /** A processing type of the chat's service at any level; a retired one only if the chat
     *  already has it. Null: none. */
    processingTypeId: z.uuid().nullable(),
  }),
});
export type ChatInfoBody = z.infer<typeof chatInfoBody>;

/** Operators a chat can be handed to now: online members of its service, but its holder, with
 *  their load. */
export const transferTargetsResponse = z.object({
  operators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Chats they hold now (waiting or in progress, every service). */
      chats: z.number().int().nonnegative(),
      /** Chats they may hold: their own limit, else the chat's service's. */
      chatLimit: z.number().int().positive(),
    }),
  ),
});
export type TransferTargetsResponse = z.infer<typeof transferTargetsResponse>;

export const serviceKeyParams = z.object({ serviceKey: storable(z.string().min(1).max(64)) });

export const widgetServiceQuery = z.object({
  /** The customer's language (the widget's): the consent comes in it. */
  language: language.optional(),
});

/** What the widget needs to know before it shows anything. */
export const widgetServiceResponse = z.object({
  service: z.object({
    key: z.string(),
    name: z.string(),
    chatEnabled: z.boolean(),
    loginRequired: z
      .boolean()
      .describe("Chat only for users the site vouches for: without an identity, ask to log in"),
    /** What the customer consents to, in their language (else the service's default); empty:
     *  the widget's own wording. */
    consentText: z.string(),
    /** The company's privacy policy, linked beside the consent. */
    privacyPolicyUrl: z.string().nullable(),
    askName: z.boolean().describe("Ask for the customer's name beside the consent (required)"),
    askEmail: z.boolean().describe("Ask for the customer's email beside the consent (required)"),
  }),
  openNow: z
    .boolean()
    .describe("False outside the service's business hours: show `outsideHoursMessage`, no chat"),
  /** In the customer's language (else the service's default); empty: the widget's own words. */
  outsideHoursMessage: z.string(),
  operatorsAvailable: z
    .boolean()
    .describe("False when no operator could take a chat now: the widget leads to the inquiry form"),
});
export type WidgetServiceResponse = z.infer<typeof widgetServiceResponse>;

/** What the inquiry form offers to choose (optional), asked only when the form is shown. */
export const widgetProcessingTypesResponse = z.object({
  processingTypes: z
    .array(z.object({ id: z.string(), label: z.string() }))
    .describe(
      "The service's processing types in tree order, each by its path in the customer's language; retired ones left out",
    ),
});
export type WidgetProcessingTypesResponse = z.infer<typeof widgetProcessingTypesResponse>;

/** A logged-in user of the company's site, vouched for by the site (login-only services). */
export const chatIdentity = z.object({
  userId: storable(z.string().min(1).max(256)),
  name: storable(z.string().max(200)).optional(),
  email: z.email().max(254).optional(),
  signature: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be 64 hex characters (HMAC-SHA256)")
    .describe("Hex HMAC-SHA256 of userId under the service's identity secret"),
});
export type ChatIdentity = z.infer<typeof chatIdentity>;

/** What a customer gave of themselves before a chat (the pre-chat fields, or what the page
 *  prefilled): kept in the customer info where it has none yet. */
export const customerContact = z.object({
  name: storable(z.string().trim().min(1).max(MAX_CUSTOMER_NAME_LENGTH)).optional(),
  email: z.email().max(MAX_CUSTOMER_EMAIL_LENGTH).optional(),
});
export type CustomerContact = z.infer<typeof customerContact>;

export const startChatBody = z.object({
  serviceKey: storable(z.string().min(1).max(64)).describe(
    "The service's key, from its embed code",
  ),
  consent: z
    .literal(true, { error: "the customer must consent before a chat starts" })
    .describe("The customer agreed to the collection of personal information"),
  channel: channel
    .exclude(["inquiry_form"])
    .describe("Where the customer asked from: a page carrying the widget, or the help center"),
  pageUrl: storable(z.string().max(2048)).optional().describe("The page that carried the widget"),
  language: language
    .optional()
    .describe("The customer's language (the widget's): the service's texts come in it"),
  customerToken: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe(
      "A returning customer's token (from an earlier chat request): one customer across chats",
    ),
  identity: chatIdentity
    .optional()
    .describe("The site's signed user, for a service that offers chat to logged-in users only"),
  customer: customerContact
    .optional()
    .describe(
      "The customer's name and email as they gave them (or the page prefilled them): stored in the customer info where it has none",
    ),
});
export type StartChatBody = z.infer<typeof startChatBody>;

export const startChatResponse = z.object({
  chat: z.object({ id: z.string(), state: chatState }),
  customerToken: z
    .string()
    .describe(
      "Authenticates the customer's WebSocket (`hello`); keep it to resume the chat after a reload",
    ),
});
export type StartChatResponse = z.infer<typeof startChatResponse>;

/** What a service says to customers in one language. */
export const serviceText = z.object({
  language,
  greeting: z.string(),
  satisfactionMessage: z.string(),
  consentText: z.string(),
  privacyPolicyUrl: z.string().nullable(),
  /** Shown by the widget outside business hours; blank: the default language's, else the
   *  widget's own wording. */
  outsideHoursMessage: z.string(),
});
export type ServiceText = z.infer<typeof serviceText>;

const localTimeOfDay = z
  .string()
  .regex(timePattern, "must be a time of day HH:MM (24:00 for the end of the day)");
const openingInterval = z.object({ start: localTimeOfDay, end: localTimeOfDay });

/** A weekly schedule in the service's time zone, and closed dates (shared/business-hours.ts). */
export const businessHours = z.object({
  enabled: z.boolean().describe("Off: open whenever chat is on"),
  weekly: z.object(
    Object.fromEntries(
      weekdays.map((day) => [day, z.array(openingInterval).max(MAX_INTERVALS_PER_DAY)]),
    ) as Record<(typeof weekdays)[number], z.ZodArray<typeof openingInterval>>,
  ),
  closedDates: z
    .array(z.string().regex(datePattern, "must be a date YYYY-MM-DD"))
    .max(MAX_CLOSED_DATES),
});

export const serviceSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  chatEnabled: z.boolean(),
  /** An archived service offers no chat; its history stays. */
  archived: z.boolean(),
  /** The languages the service speaks to customers in: those it has texts for. */
  languages: z.array(language),
  defaultLanguage: language,
  timeZone: z.string(),
  /** Where its help center is (`/h/<key>/`). */
  helpCenterUrl: z.string(),
  preferRecentOperator: z.boolean(),
  /** Chats in progress an operator may hold for this service, unless their own limit says. */
  chatLimit: z.number(),
  /** How long an operator's console may be gone before they stop getting this service's chats
   *  and its unopened ones move on. */
  reassignmentGraceSeconds: z.number(),
  /** A customer silent this long has the chat ended on their side. */
  customerIdleMinutes: z.number(),
  /** Chats that may wait in the queue while every online operator is at their limit. */
  maxQueueLength: z.number(),
  /** A chat queued this long ends, and its customer is told. */
  queueTimeoutMinutes: z.number(),
  /** The pre-chat fields: the widget asks for the customer's name, their email (required). */
  askName: z.boolean(),
  askEmail: z.boolean(),
  businessHours,
  /** Open now by its business hours (always, without a schedule). */
  openNow: z.boolean(),
  /** What the service says to customers, per language. */
  texts: z.array(serviceText),
});
export type ServiceSummary = z.infer<typeof serviceSummary>;
export const serviceListResponse = z.object({ services: z.array(serviceSummary) });
export type ServiceListResponse = z.infer<typeof serviceListResponse>;
export const serviceResponse = z.object({ service: serviceSummary });
export type ServiceResponse = z.infer<typeof serviceResponse>;

export const serviceParams = z.object({ serviceId: z.uuid() });

/** An IANA time zone by its canonical name ("Asia/Tokyo"), or UTC. */
export const isTimeZone = (value: string) =>
  value === "UTC" || Intl.supportedValuesOf("timeZone").includes(value);

const serviceName = storable(z.string().trim().min(1).max(100));
const serviceLanguages = z
  .array(language)
  .min(1)
  .max(3)
  .refine((list) => new Set(list).size === list.length, "a language may be named once");
const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "must be an IANA time zone such as Asia/Tokyo, or UTC");

export const createServiceBody = z.object({
  name: serviceName,
  languages: serviceLanguages,
  /** One of `languages`: the texts a customer gets when the service has none in theirs. */
  defaultLanguage: language,
  timeZone,
});
export type CreateServiceBody = z.infer<typeof createServiceBody>;

/** The service's settings; what is left out stays as it is. */
export const updateServiceBody = z
  .object({
    name: serviceName,
    languages: serviceLanguages,
    defaultLanguage: language,
    timeZone,
    chatEnabled: z.boolean(),
    preferRecentOperator: z.boolean(),
    chatLimit: z.number().int().min(1).max(100),
    reassignmentGraceSeconds: z.number().int().min(10).max(3600),
    customerIdleMinutes: z.number().int().min(1).max(1440),
    maxQueueLength: z.number().int().min(0).max(MAX_QUEUE_LENGTH),
    queueTimeoutMinutes: z.number().int().min(1).max(MAX_QUEUE_TIMEOUT_MINUTES),
    askName: z.boolean(),
    askEmail: z.boolean(),
  })
  .partial();
export type UpdateServiceBody = z.infer<typeof updateServiceBody>;

/** The texts of some of the service's languages; a language left out keeps its texts. */
export const serviceTextsBody = z.object({
  texts: z.partialRecord(
    language,
    z.object({
      greeting: storable(z.string().trim().max(1000)),
      satisfactionMessage: storable(z.string().trim().max(1000)),
      consentText: storable(z.string().trim().max(2000)),
      /** The company's privacy policy, linked beside the consent. */
      privacyPolicyUrl: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .nullable(),
    }),
  ),
});
export type ServiceTextsBody = z.infer<typeof serviceTextsBody>;

/** The service's business hours and, per language given, the message shown outside them. */
export const businessHoursBody = businessHours.extend({
  outsideHoursMessages: z.partialRecord(language, storable(z.string().trim().max(1000))),
});
export type BusinessHoursBody = z.infer<typeof businessHoursBody>;

/** One change of the audit log, as administrators read it. */
export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  /** Who made it; null for the server itself (the first start, a command line). */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  service: z.object({ id: z.string(), name: z.string() }).nullable(),
  subject: z.enum(auditSubjects),
  subjectId: z.string(),
  action: z.string(),
  /** Only the fields that changed, before and after. */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = z.object({
  serviceId: z.uuid().optional(),
  /** The period: from (inclusive) and to (exclusive), as ISO dates or times. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** The `next` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z_[0-9a-f-]{36}$/, "must be a page's next")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const auditResponse = z.object({
  changes: z.array(auditEntry),
  /** What the operators, processing types, canned responses and FAQ entries that the page's
   *  changes are about (or name, as a parent type) are called now, by id: a name, or per language
   *  for what has names by language. An id that is missing names something since deleted. */
  names: z.record(z.string(), z.union([z.string(), z.partialRecord(language, z.string())])),
  /** Pass as `cursor` for the next (older) page; null on the last. */
  next: z.string().nullable(),
});
export type AuditResponse = z.infer<typeof auditResponse>;

const originProblems: Record<OriginProblem, string> = {
  not_url: "must be an origin such as https://www.example.com",
  scheme: "must start with https:// or http://",
  not_origin: "must be scheme, host and port only, with no path, query or user",
};

/** An allowed origin, kept in the one spelling browsers send (shared/origins.ts). */
export const siteOrigin = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((value, context) => {
    const parsed = siteOriginOf(value);
    if ("origin" in parsed) return parsed.origin;
    context.addIssue({
      code: "invalid_format",
      format: "url",
      message: originProblems[parsed.problem],
    });
    return z.NEVER;
  });

/** How a service's widget is embedded: the snippet, who may embed it, and who may chat. */
export const embedSettings = z.object({
  /** The snippet to paste into a site's pages, with the server's public address. */
  embedCode: z.string(),
  allowedOrigins: z.array(z.string()),
  loginRequired: z.boolean(),
  /** When the current identity secret was shown; null: never, so it must be created first. */
  identitySecretIssuedAt: z.iso.datetime().nullable(),
  /** Until when the secret before the last rotation is still accepted. */
  previousIdentitySecretUntil: z.iso.datetime().nullable(),
});
export type EmbedSettings = z.infer<typeof embedSettings>;
export const embedSettingsResponse = z.object({ settings: embedSettings });
export type EmbedSettingsResponse = z.infer<typeof embedSettingsResponse>;

export const updateEmbedSettingsBody = z
  .object({
    allowedOrigins: z.array(siteOrigin).max(MAX_ALLOWED_ORIGINS),
    loginRequired: z.boolean(),
  })
  .partial();
export type UpdateEmbedSettingsBody = z.input<typeof updateEmbedSettingsBody>;

/** A new identity secret: in this response only, never again. */
export const identitySecretResponse = embedSettingsResponse.extend({ identitySecret: z.string() });
export type IdentitySecretResponse = z.infer<typeof identitySecretResponse>;

/** The REST API's bodies as named components of the OpenAPI document (server/openapi.ts): every
 *  request and response body of a route is one of these, or is built of them. */
const components: Array<[z.ZodType, string, string]> = [
  [errorBody, "Error", "A refusal: a stable code, a message, and the field at fault"],
  [loginBody, "Login", "An operator's email and password"],
  [operator, "Operator", "An operator (or administrator) of the installation"],
  [operatorResponse, "OperatorResponse", "The operator"],
  [setStatusBody, "StatusChange", "The operator's new status"],
  [operatorPresence, "OperatorPresence", "An operator with their presence and in-chat count"],
  [operatorListResponse, "OperatorList", "Every operator, with presence and in-chat count"],
  [chatSummary, "Chat", "A chat as its operator sees it: customer, state, inquiry info, reads"],
  [chatListResponse, "ChatList", "The operator's live chats"],
  [chatResponse, "ChatResponse", "The chat"],
  [chatInfoBody, "ChatInfo", "A chat's customer info and inquiry info, with the versions edited"],
  [maskMessageBody, "MessageMask", "A range of a message's text to mask, in UTF-16 code units"],
  [messageResponse, "MessageResponse", "The message"],
  [transferTargetsResponse, "TransferTargets", "Operators the chat can be handed to now"],
  [serviceSummary, "Service", "A service and its texts per language"],
  [
    serviceListResponse,
    "ServiceList",
    "The services the operator is a member of (an administrator: every one)",
  ],
  [serviceResponse, "ServiceResponse", "The service"],
  [createServiceBody, "NewService", "A new service's name, languages and time zone"],
  [updateServiceBody, "ServiceChange", "A service's settings to change; the others stay"],
  [serviceTextsBody, "ServiceTextsChange", "What a service says to customers, per language"],
  [businessHours, "BusinessHours", "A weekly schedule in the service's time zone, closed dates"],
  [businessHoursBody, "BusinessHoursChange", "Business hours and the message shown outside them"],
  [auditResponse, "AuditPage", "A page of the audit log, newest first"],
  [widgetServiceResponse, "WidgetService", "What the widget shows before a chat"],
  [widgetProcessingTypesResponse, "WidgetProcessingTypes", "The topics the inquiry form offers"],
  [chatIdentity, "ChatIdentity", "A logged-in user of the company's site, signed by the site"],
  [customerContact, "CustomerContact", "The name and email a customer gave before a chat"],
  [startChatBody, "ChatRequest", "A customer's request for a chat"],
  [startChatResponse, "StartedChat", "The new chat, and the token that authenticates its customer"],
  [embedSettings, "EmbedSettings", "How a service's widget is embedded, and who may chat"],
  [embedSettingsResponse, "EmbedSettingsResponse", "The service's embed settings"],
  [updateEmbedSettingsBody, "EmbedSettingsChange", "The embed settings to change"],
  [identitySecretResponse, "IdentitySecret", "A new identity secret, shown this once"],
  [processingType, "ProcessingType", "A processing type: its place in the tree and its names"],
  [processingTypeListResponse, "ProcessingTypeList", "A service's processing-type tree, in order"],
  [processingTypeResponse, "ProcessingTypeResponse", "The processing type"],
  [createProcessingTypeBody, "NewProcessingType", "A processing type to add, and where"],
  [renameProcessingTypeBody, "ProcessingTypeNames", "A processing type's names per language"],
  [moveProcessingTypeBody, "ProcessingTypePlace", "Where a processing type goes"],
  [setRetiredBody, "ProcessingTypeRetired", "Whether the processing type is retired"],
  [attachmentLimits, "AttachmentLimitsChange", "The accepted extensions and the largest size"],
  [attachmentLimitsResponse, "AttachmentLimits", "What an attachment may be, for every service"],
  [attachmentFile, "AttachmentFile", "An attachment's bytes"],
  [attachmentResponse, "AttachmentResponse", "The file as stored: its id, name, type and size"],
];
nameComponents(components);

/** Names bodies as components of the OpenAPI document: [schema, name, description] each. */
export function nameComponents(list: Array<[z.ZodType, string, string]>): void {
  for (const [schema, id, description] of list) z.globalRegistry.add(schema, { id, description });
}
