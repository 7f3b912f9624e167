import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  serviceKeyParams,
  startChatBody,
  startChatResponse,
  widgetServiceResponse,
} from "../../shared/api.js";
import { operatorAvailable, requestChat } from "../chats/chats.js";
import { deviceOf } from "../chats/device.js";
import type { AppContext } from "../context.js";
import { AppError, fieldsFrom, notFound } from "../errors.js";
import { clientBuildFolder } from "../paths.js";
import { chatRequests } from "../rate-limits.js";
import { findServiceByKey } from "../services/services.js";
import { getSetting } from "../settings/settings.js";
import { builtFileServing } from "../static/serving.js";
import { demoPage } from "./demo-page.js";
import { verifyIdentity } from "./identity.js";

export const widgetRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, config, customerTokens } = context;

  app.get(
    "/api/widget/services/:serviceKey",
    {
      schema: {
        tags: ["widget"],
        summary: "A service's chat, as the widget shows it",
        description:
          "What the widget needs before it shows anything: the service's name, whether chat is on, and whether an operator could take a chat now (when not, the widget leads to the inquiry form). The service key is the one in the embed code.",
        access: "anyone",
        params: serviceKeyParams,
        response: { 200: widgetServiceResponse },
        errors: { service_not_found: "no service has this key" },
      },
    },
    async (request) => {
      const service = await findServiceByKey(db, request.params.serviceKey);
      if (!service) throw notFound("service_not_found", "this service");
      return {
        service: { key: service.key, name: service.name, chatEnabled: service.chatEnabled },
        operatorsAvailable: service.chatEnabled && (await operatorAvailable(context, service.id)),
      };
    },
  );

  app.post(
    "/api/widget/chats",
    {
      schema: {
        tags: ["widget"],
        summary: "Request a chat",
        description:
          "A customer who consented asks for a chat: an online operator of the service is assigned at once and the greeting is its first message. Answers the chat and a `customerToken`, which authenticates the customer's WebSocket (`hello`) to follow the chat and write; given back in a later request, it keeps one customer across chats. A service for logged-in users only needs the site's signed `identity`.",
        access: "anyone",
        body: startChatBody,
        response: { 201: startChatResponse },
        errors: {
          validation_failed: "the `customerToken` is not one of this service's",
          service_not_found: "no service has this `serviceKey`",
          chat_disabled: "chat is off for this service",
          identity_required:
            "the service offers chat to logged-in users only, and no `identity` came",
          identity_invalid: "the identity's signature does not match its user id",
          no_operator_available:
            "no online operator of the service can take a chat now: nothing is stored; offer the inquiry form",
        },
      },
      config: { rateLimit: chatRequests(config.chatRequestsPerMinute) },
    },
    async (request, reply) => {
      const { serviceKey, channel, pageUrl, language, customerToken, identity } = request.body;
      const service = await findServiceByKey(db, serviceKey);
      if (!service) throw notFound("service_not_found", "this service");
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

  // The widget app runs in an iframe on the companies' own sites, so it may be framed anywhere.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/widget/")) {
      const policy = String(reply.getHeader("content-security-policy") ?? "");
      reply.header(
        "content-security-policy",
        policy.replace(/frame-ancestors [^;]*/, "frame-ancestors *"),
      );
      reply.removeHeader("x-frame-options");
    }
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
    const origin = config.publicUrl ?? `${request.protocol}://${request.host}`;
    return reply.type("text/html; charset=utf-8").send(demoPage(origin, key));
  });
};
