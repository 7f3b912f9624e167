import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  chatListResponse,
  chatParams,
  chatResponse,
  transferTargetsResponse,
} from "../../shared/api.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { notFound } from "../errors.js";
import { openChat, transferTargets } from "./lifecycle.js";
import { chatOfParty, chatSummary, liveChatsOf } from "./queries.js";

export const chatRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

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
      const chat = await chatOfParty(db, { role: "operator", operator }, request.params.chatId);
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
      const operator = await requireOperator(db, request);
      const chat = await chatOfParty(db, { role: "operator", operator }, request.params.chatId);
      return { operators: await transferTargets(db, context.presence, chat) };
    },
  );
};
