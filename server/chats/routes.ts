import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  chatListResponse,
  chatParams,
  chatResponse,
  startChatBody,
  startChatResponse,
} from "../../shared/api.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { AppError, notFound } from "../errors.js";
import { findServiceByKey } from "../services/services.js";
import { findChat, liveChatsOf, openChat, requestChat } from "./chats.js";
import { describeDevice } from "./device.js";
import { mayAccessChat } from "./policy.js";

export const chatRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, customerTokens } = context;

  app.post(
    "/api/widget/chats",
    {
      schema: { tags: ["widget"], body: startChatBody, response: { 201: startChatResponse } },
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { serviceKey, channel, customerToken } = request.body;
      const service = await findServiceByKey(db, serviceKey);
      if (!service) throw notFound("service_not_found", "this service");
      const identity = customerToken ? customerTokens.read(customerToken) : null;
      if (customerToken && identity?.serviceId !== service.id) {
        throw new AppError(
          "validation_failed",
          400,
          "customerToken is not valid for this service",
          "body.customerToken",
        );
      }
      const { chat } = await requestChat(context, {
        service,
        customerId: identity?.customerId ?? null,
        channel,
        ipAddress: request.ip,
        device: describeDevice(request.headers["user-agent"]),
      });
      const token = customerTokens.issue({ serviceId: service.id, customerId: chat.customer.id });
      return reply
        .status(201)
        .send({ chat: { id: chat.id, state: chat.state }, customerToken: token });
    },
  );

  app.get(
    "/api/chats",
    { schema: { tags: ["chats"], response: { 200: chatListResponse } } },
    async (request) => {
      const operator = await requireOperator(db, request);
      return { chats: await liveChatsOf(db, operator.id) };
    },
  );

  app.post(
    "/api/chats/:chatId/open",
    { schema: { tags: ["chats"], params: chatParams, response: { 200: chatResponse } } },
    async (request) => {
      const operator = await requireOperator(db, request);
      const chat = await findChat(db, request.params.chatId);
      if (!chat || !mayAccessChat({ role: "operator", operator }, chat)) {
        throw notFound("chat_not_found", "this chat");
      }
      return { chat: await openChat(context, chat.id) };
    },
  );
};
