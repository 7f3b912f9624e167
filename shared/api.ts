/** Request and response bodies of the REST API. The server validates with these and the OpenAPI
 *  document is generated from them; the console and the widget take their types from them. */
import { z } from "zod";
import {
  createProcessingTypeBody,
  moveProcessingTypeBody,
  processingType,
  processingTypeListResponse,
  processingTypeResponse,
  renameProcessingTypeBody,
  setRetiredBody,
} from "./categories.js";
import { channel, chatState, chatSummary, language, storable } from "./chat.js";
import { operatorRoles, operatorStatuses } from "./domain.js";
import { errorBody } from "./errors.js";
import { MAX_ALLOWED_ORIGINS } from "./limits.js";
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
});
export type Operator = z.infer<typeof operator>;

/** An operator as administrators see them: with their presence and load. */
export const operatorPresence = operator.extend({
  /** A live console now, or within the grace period: only connected online operators get chats. */
  connected: z.boolean(),
  /** Chats waiting or in progress: the in-chat count. */
  openChats: z.number().int().nonnegative(),
});
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

export const chatListResponse = z.object({ chats: z.array(chatSummary) });
export type ChatListResponse = z.infer<typeof chatListResponse>;
export const chatResponse = z.object({ chat: chatSummary });

/** Operators a chat can be handed to now: online members of its service, but its holder. */
export const transferTargetsResponse = z.object({
  operators: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TransferTargetsResponse = z.infer<typeof transferTargetsResponse>;

export const serviceKeyParams = z.object({ serviceKey: storable(z.string().min(1).max(64)) });

/** What the widget needs to know before it shows anything. */
export const widgetServiceResponse = z.object({
  service: z.object({
    key: z.string(),
    name: z.string(),
    chatEnabled: z.boolean(),
    loginRequired: z
      .boolean()
      .describe("Chat only for users the site vouches for: without an identity, ask to log in"),
  }),
  operatorsAvailable: z
    .boolean()
    .describe("False when no operator could take a chat now: the widget leads to the inquiry form"),
});
export type WidgetServiceResponse = z.infer<typeof widgetServiceResponse>;

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

export const serviceSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  chatEnabled: z.boolean(),
  defaultLanguage: language,
  timeZone: z.string(),
  preferRecentOperator: z.boolean(),
  /** What the service says to customers, per language. */
  texts: z.array(
    z.object({
      language,
      greeting: z.string(),
      satisfactionMessage: z.string(),
      consentText: z.string(),
      privacyPolicyUrl: z.string().nullable(),
    }),
  ),
});
export type ServiceSummary = z.infer<typeof serviceSummary>;
export const serviceListResponse = z.object({ services: z.array(serviceSummary) });
export type ServiceListResponse = z.infer<typeof serviceListResponse>;

export const serviceParams = z.object({ serviceId: z.uuid() });

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
  [transferTargetsResponse, "TransferTargets", "Operators the chat can be handed to now"],
  [serviceSummary, "Service", "A service and its texts per language"],
  [serviceListResponse, "ServiceList", "The services the operator is a member of"],
  [widgetServiceResponse, "WidgetService", "What the widget shows before a chat"],
  [chatIdentity, "ChatIdentity", "A logged-in user of the company's site, signed by the site"],
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
];
for (const [schema, id, description] of components)
  z.globalRegistry.add(schema, { id, description });
