import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  embedSettingsResponse,
  identitySecretResponse,
  serviceKeyParams,
  serviceParams,
  startChatBody,
  startChatResponse,
  updateEmbedSettingsBody,
  widgetProcessingTypesResponse,
  widgetServiceQuery,
  widgetServiceResponse,
} from "../../shared/api.js";
import { INQUIRY_HONEYPOT, inquiryBody, inquiryResponse } from "../../shared/inquiries.js";
import { pickLanguage } from "../../shared/languages.js";
import { discardFormAttachment } from "../attachments/attachments.js";
import { requireAdministrator } from "../auth/authenticate.js";
import { offeredTypeChoices } from "../categories/categories.js";
import { operatorAvailable, requestChat } from "../chats/chats.js";
import { deviceOf } from "../chats/device.js";
import type { AppContext } from "../context.js";
import { AppError, fieldsFrom, notFound } from "../errors.js";
import { clientBuildFolder } from "../paths.js";
import { chatRequests, inquiries } from "../rate-limits.js";
import {
  presentEmbedSettings,
  rotateIdentitySecret,
  updateEmbedSettings,
} from "../services/embed-settings.js";
import {
  isOpenNow,
  loadService,
  type ServiceRow,
  type ServiceWithTexts,
  textsFor,
} from "../services/services.js";
import { getSetting } from "../settings/settings.js";
import { builtFileServing } from "../static/serving.js";
import { demoPage, previewPage } from "./demo-page.js";
import { embedCode, ownOrigins, publicBaseUrl } from "./embed-code.js";
import { checkEmbeddingOrigin, frameAncestors, openedOutsideFrame } from "./embedding.js";
import { verifyIdentity } from "./identity.js";
import { receiveInquiry } from "./inquiries.js";

export const widgetRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, config, customerTokens } = context;

  /** The service of a public key that still offers chats (an archived one offers none). */
  async function serviceOfKey(key: string): Promise<ServiceWithTexts> {
    const service = await context.services.byKey(key);
    if (!service) throw notFound("service_not_found", "this service");
    if (service.archivedAt) {
      throw new AppError("service_archived", 410, "this service is archived: it offers no chat");
    }
    return service;
  }

  app.get(
    "/api/widget/services/:serviceKey",
    {
      schema: {
        tags: ["widget"],
        summary: "A service's chat, as the widget shows it",
        description:
          "What the widget needs before it shows anything: the service's name, whether chat is on and for logged-in users only, whether it is within its business hours (when not, the message to show instead of a chat), whether an operator could take a chat now (when not, the widget leads to the inquiry form), and the consent text and privacy-policy link in the customer's `language` (else the service's default). The service key is the one in the embed code. The loader calls it from the site's page, before it shows the chat icon (CORS, any origin, no credentials), so that a page on an origin the service does not allow learns why.",
        access: "anyone",
        params: serviceKeyParams,
        querystring: widgetServiceQuery,
        response: { 200: widgetServiceResponse },
        errors: {
          service_not_found: "no service has this key",
          origin_not_allowed:
            "the request's `Origin` (the page the loader runs on) is not among the service's allowed origins; the message names it",
          service_archived: "the service is archived: it offers no chat",
        },
      },
    },
    async (request, reply) => {
      // Public and without credentials: any page may read the answer, which is about its origin.
      reply.header("access-control-allow-origin", "*").header("vary", "origin");
      const service = await serviceOfKey(request.params.serviceKey);
      checkEmbeddingOrigin(service, request, ownOrigins(config, request));
      const texts = textsFor(service, request.query.language ?? service.defaultLanguage);
      const openNow = isOpenNow(service);
      return {
        service: {
          key: service.key,
          name: service.name,
          chatEnabled: service.chatEnabled,
          loginRequired: service.loginRequired,
          consentText: texts.consentText,
          privacyPolicyUrl: texts.privacyPolicyUrl,
          askName: service.askName,
          askEmail: service.askEmail,
        },
        openNow,
        outsideHoursMessage: texts.outsideHoursMessage,
        operatorsAvailable:
          service.chatEnabled && openNow && (await operatorAvailable(context, service)),
      };
    },
  );

  app.get(
    "/api/widget/services/:serviceKey/processing-types",
    {
      schema: {
        tags: ["widget"],
        summary: "The topics the inquiry form offers",
        description:
          "The service's processing types a customer may choose on the widget's inquiry form (optional), in tree order, each named by its path (\"Orders › Late delivery\") in the customer's `language` (else the service's default); retired ones left out. Asked when the form is shown, not with every page.",
        access: "anyone",
        params: serviceKeyParams,
        querystring: widgetServiceQuery,
        response: { 200: widgetProcessingTypesResponse },
        errors: {
          service_not_found: "no service has this key",
          origin_not_allowed: "the request's `Origin` is not among the service's allowed origins",
          service_archived: "the service is archived",
        },
      },
    },
    async (request) => {
      const service = await serviceOfKey(request.params.serviceKey);
      checkEmbeddingOrigin(service, request, ownOrigins(config, request));
      const language = request.query.language ?? service.defaultLanguage;
      return { processingTypes: await offeredTypeChoices(db, service, language) };
    },
  );

  app.post(
    "/api/widget/chats",
    {
      schema: {
        tags: ["widget"],
        summary: "Request a chat",
        description:
          "A customer who consented asks for a chat: an online operator of the service is assigned at once and the greeting, in the customer's language (else the service's default), is its first message. Answers the chat and a `customerToken`, which authenticates the customer's WebSocket (`hello`) to follow the chat and write; given back in a later request, it keeps one customer across chats. A service for logged-in users only needs the site's signed `identity`.",
        access: "anyone",
        body: startChatBody,
        response: { 201: startChatResponse },
        errors: {
          validation_failed:
            "the `customerToken` is not one of this service's, or a pre-chat field the service asks for is missing (`body.customer.name`, `body.customer.email`, reason required) or wrong",
          service_not_found: "no service has this `serviceKey`",
          chat_disabled: "chat is off for this service",
          service_archived: "the service is archived: it offers no chat",
          identity_required:
            "the service offers chat to logged-in users only, and no `identity` came",
          identity_invalid:
            "the identity's signature does not match its user id under the service's identity secret (or, for 24 hours after a rotation, the previous one)",
          origin_not_allowed:
            "the request's `Origin` is another site's, not among the service's allowed origins",
          outside_business_hours:
            "the service is outside its business hours: show its `outsideHoursMessage`",
          no_operator_available:
            "no online operator of the service can take a chat now: nothing is stored; offer the inquiry form",
        },
      },
      config: { rateLimit: chatRequests(config.chatRequestsPerMinute) },
    },
    async (request, reply) => {
      const { serviceKey, channel, pageUrl, language, customerToken, identity, customer } =
        request.body;
      const service = await serviceOfKey(serviceKey);
      checkEmbeddingOrigin(service, request, ownOrigins(config, request));
      const returning = customerToken ? customerTokens.read(customerToken) : null;
      if (customerToken && returning?.serviceId !== service.id) {
        throw new AppError(
          "validation_failed",
          400,
          "customerToken is not valid for this service",
          "body.customerToken",
        );
      }
      const chat = await fieldsFrom("body", () =>
        requestChat(context, {
          service,
          customerId: returning?.customerId ?? null,
          identity: identity ? verifyIdentity(service, identity) : null,
          contact: customer ?? null,
          channel,
          pageUrl: pageUrl ?? null,
          language: language ?? null,
          ipAddress: request.ip,
          device: deviceOf(request.headers["user-agent"]),
        }),
      );
      const token = customerTokens.issue({ serviceId: service.id, customerId: chat.customer.id });
      return reply
        .status(201)
        .send({ chat: { id: chat.id, state: chat.state }, customerToken: token });
    },
  );

  app.post(
    "/api/widget/services/:serviceKey/inquiries",
    {
      schema: {
        tags: ["widget"],
        summary: "Send the inquiry form",
        description:
          "A customer who cannot chat (nobody online, outside business hours, the queue full, chat off) leaves a request: it becomes a ticket with channel `form`, which the service's operators see under Tickets at once, and the answer carries its number for the customer to quote. No email is sent to the customer. The same origin and logged-in-only rules hold as for a chat request. Spam guard: the `inquiries` rate limit per address, and a hidden field (`" +
          INQUIRY_HONEYPOT +
          "`) that a person never fills: when it is filled, the answer looks the same (201) with `reference` null, and nothing is stored. Its optional file is sent first (POST …/inquiry-attachments) and named by `attachmentId`.",
        access: "anyone",
        params: serviceKeyParams,
        body: inquiryBody,
        response: { 201: inquiryResponse },
        errors: {
          validation_failed:
            "a field is missing or wrong (`body.name`, `body.email`, `body.subject`, `body.message`, `body.consent`, with its reason), `body.processingTypeId` is not one of the service's processing types in use (reason invalid_choice), or `body.attachmentId` is no file sent for this service's form (reason invalid)",
          service_not_found: "no service has this key",
          service_archived: "the service is archived: it takes no inquiries",
          identity_required: "the service is for logged-in users only, and no `identity` came",
          identity_invalid:
            "the identity's signature does not match its user id under the service's identity secret",
          origin_not_allowed:
            "the request's `Origin` is another site's, not among the service's allowed origins",
        },
      },
      config: { rateLimit: inquiries(config.inquiriesPerMinute) },
    },
    async (request, reply) => {
      const service = await serviceOfKey(request.params.serviceKey);
      checkEmbeddingOrigin(service, request, ownOrigins(config, request));
      const { identity, attachmentId, ...fields } = request.body;
      if (service.loginRequired && !identity) {
        throw new AppError(
          "identity_required",
          403,
          "this service is for logged-in users only: the site must sign the user's identity",
          "body.identity",
        );
      }
      const verified = identity ? verifyIdentity(service, identity) : null;
      if (fields[INQUIRY_HONEYPOT]) {
        request.log.info({ serviceId: service.id }, "inquiry with its honeypot filled: dropped");
        if (attachmentId) await discardFormAttachment(context, attachmentId);
        return reply.status(201).send({ inquiry: { reference: null } });
      }
      const inquiry = await fieldsFrom("body", () =>
        receiveInquiry(context, { service, fields, identity: verified, attachmentId }),
      );
      return reply.status(201).send({ inquiry });
    },
  );

  // The widget app runs in an iframe on the companies' own sites: its document may be framed by
  // the service's allowed origins (any, when it has none), and is never kept by a cache, so that
  // a change of the list holds at once. Its files (scripts, styles) are not documents.
  app.addHook("preHandler", async (request, reply) => {
    const url = new URL(request.url, "http://widget");
    if (url.pathname !== "/widget/" && url.pathname !== "/widget/index.html") return;
    const key = url.searchParams.get("service");
    const service = key ? await context.services.byKey(key.slice(0, 64)) : null;
    if (openedOutsideFrame(service, request)) {
      throw new AppError("origin_not_allowed", 403, "this service's chat opens only on its sites");
    }
    const policy = String(reply.getHeader("content-security-policy") ?? "");
    reply
      .header(
        "content-security-policy",
        policy
          .replace(/frame-ancestors [^;]*/, `frame-ancestors ${frameAncestors(service)}`)
          // A chat's images are fetched with the customer's token and shown from memory.
          .replace(/img-src [^;]*/, "img-src 'self' data: blob:"),
      )
      .header("cache-control", "no-store")
      .removeHeader("x-frame-options");
  });

  await app.register(fastifyStatic, {
    ...builtFileServing,
    root: path.join(clientBuildFolder, "widget"),
    prefix: "/widget/",
  });

  app.get("/widget.js", { schema: { hide: true } }, (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .header("cross-origin-resource-policy", "cross-origin")
      .sendFile("widget.js", path.join(clientBuildFolder, "widget-loader")),
  );

  app.get("/demo/", { schema: { hide: true } }, async (request, reply) => {
    const key = await getSetting(db, "demoServiceKey");
    if (!key) throw notFound("service_not_found", "the demo service");
    return reply
      .type("text/html; charset=utf-8")
      .send(demoPage(publicBaseUrl(config, request), key));
  });

  // The console's live preview: the real widget of the service on a page of this server (which
  // its allowed origins always include), for administrators only.
  app.get(
    "/preview/:serviceId",
    {
      schema: {
        hide: true,
        params: serviceParams,
        querystring: z.object({ lang: z.string().max(35).optional() }),
      },
    },
    async (request, reply) => {
      await requireAdministrator(db, request);
      const service = await managedService(request.params.serviceId);
      const language = pickLanguage([request.query.lang]);
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(previewPage(publicBaseUrl(config, request), service.key, language));
    },
  );

  async function managedService(serviceId: string): Promise<ServiceRow> {
    const service = await loadService(db, serviceId);
    if (!service) throw notFound("service_not_found", "this service");
    return service;
  }

  const settingsOf = (service: ServiceRow, request: FastifyRequest) => ({
    settings: presentEmbedSettings(service, embedCode(publicBaseUrl(config, request), service.key)),
  });

  app.get(
    "/api/services/:serviceId/embed",
    {
      schema: {
        tags: ["services"],
        summary: "The service's embed code and who may use it",
        description:
          "The embed code (with the server's public address), the site origins allowed to " +
          "carry the widget, whether chat is for logged-in users only, and when the identity " +
          "secret was issued (never the secret itself). Administrators only.",
        access: "administrator",
        params: serviceParams,
        response: { 200: embedSettingsResponse },
        errors: { service_not_found: "no service has this id" },
      },
    },
    async (request) => {
      await requireAdministrator(db, request);
      const service = await managedService(request.params.serviceId);
      return settingsOf(service, request);
    },
  );

  app.patch(
    "/api/services/:serviceId/embed",
    {
      schema: {
        tags: ["services"],
        summary: "Change who may embed and use the service's chat",
        description:
          "Sets the allowed origins (http(s), host and port; kept in one spelling, repeats " +
          "dropped; empty: any site) and the logged-in-users-only switch, in one transaction " +
          "with its audit row. Fields left out stay as they are. Administrators only.",
        params: serviceParams,
        access: "administrator",
        body: updateEmbedSettingsBody,
        response: { 200: embedSettingsResponse },
        errors: { service_not_found: "no service has this id" },
      },
    },
    async (request) => {
      const administrator = await requireAdministrator(db, request);
      const service = await updateEmbedSettings(
        db,
        administrator.id,
        request.params.serviceId,
        request.body,
      );
      if (!service) throw notFound("service_not_found", "this service");
      // Every process's copy goes: the next widget load and chat request hold to the new list.
      await context.services.changed(service.id);
      return settingsOf(service, request);
    },
  );

  app.post(
    "/api/services/:serviceId/identity-secret",
    {
      schema: {
        tags: ["services"],
        summary: "Issue a new identity secret",
        description:
          "Creates the secret the site signs its users' ids with, and returns it in this " +
          "response only. The secret it replaces stays valid for 24 hours (unless it was never " +
          "shown). The audit row records the rotation, not the secret. Administrators only.",
        access: "administrator",
        params: serviceParams,
        response: { 200: identitySecretResponse },
        errors: { service_not_found: "no service has this id" },
      },
    },
    async (request) => {
      const administrator = await requireAdministrator(db, request);
      const rotated = await rotateIdentitySecret(db, administrator.id, request.params.serviceId);
      if (!rotated) throw notFound("service_not_found", "this service");
      await context.services.changed(rotated.service.id);
      return { identitySecret: rotated.identitySecret, ...settingsOf(rotated.service, request) };
    },
  );
};
