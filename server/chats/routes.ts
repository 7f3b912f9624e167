import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  chatListResponse,
  chatParams,
  chatResponse,
  startChatBody,
  startChatResponse,
  transferTargetsResponse,
} from "../../shared/api.js";
import { transferTargets } from "../assignment/assignment.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { AppError, notFound } from "../errors.js";
import { findServiceByKey } from "../services/services.js";
import { verifyIdentity } from "../widget/identity.js";
import { requestChat } from "./chats.js";
import { describeDevice } from "./device.js";
import { openChat } from "./lifecycle.js";
import { mayAccessChat } from "./policy.js";
import { chatSummary, findChat, liveChatsOf } from "./queries.js";

export const chatRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, customerTokens } = context;

  /** The chat, when the logged-in operator may see it; otherwise "not found", never "forbidden",
   *  so that nobody learns which chat ids exist. */
  async function chatOfOperator(request: FastifyRequest, chatId: string) {
    const operator = await requireOperator(db, request);
    const chat = await findChat(db, chatId);
    if (!chat || !mayAccessChat({ role: "operator", operator }, chat)) {
      throw notFound("chat_not_found", "this chat");
    }
    return chat;
  }

  app.post(
    "/api/widget/chats",
    {
      schema: { tags: ["widget"], body: startChatBody, response: { 201: startChatResponse } },
      config: { rateLimit: { max: context.config.chatRequestsPerMinute, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { serviceKey, channel, customerToken, identity } = request.body;
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
      const chat = await requestChat(context, {
        service,
        customerId: returning?.customerId ?? null,
        identity: identity ? verifyIdentity(service, identity) : null,
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
      const chat = await chatOfOperator(request, request.params.chatId);
      await openChat(context, chat.id);
      const summary = await chatSummary(db, chat.id);
      if (!summary) throw notFound("chat_not_found", "this chat");
      return { chat: summary };
    },
  );

  app.get(
    "/api/chats/:chatId/transfer-targets",
    {
      schema: { tags: ["chats"], params: chatParams, response: { 200: transferTargetsResponse } },
    },
    async (request) => {
      const chat = await chatOfOperator(request, request.params.chatId);
      return {
        operators: await transferTargets(db, context.presence, chat.serviceId, chat.operatorId),
      };
    },
  );
};
