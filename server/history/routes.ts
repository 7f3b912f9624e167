/** Chat history's HTTP edge: the list with its search conditions, and one chat's record. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { chatParams } from "../../shared/api.js";
import {
  historyChatResponse,
  historyListResponse,
  historyOperatorsResponse,
  historyQuery,
} from "../../shared/history.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { fieldsFrom } from "../errors.js";
import { historyOperators, historyPage, historyRecord } from "./history.js";

export const historyRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.get(
    "/api/history/chats",
    {
      schema: {
        tags: ["history"],
        summary: "Search the chat history",
        description:
          "Every chat of the services the operator is a member of (an administrator: every service), live or ended, newest first. Each condition narrows the list: the period in days of each chat's service's time zone (both ends included), processed or not, an operator who held it, a processing type (its descendants too), a rating (or none), the channel, whether it was made into a ticket, part of the customer's name or email, and words the conversation has (one message containing every word, parts of words too; each word needs a kana, kanji or hangul, or three other letters). Pass `next` back as `cursor` for the older page.",
        access: "operator",
        querystring: historyQuery,
        response: { 200: historyListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return fieldsFrom("querystring", () => historyPage(db, operator, request.query));
    },
  );

  app.get(
    "/api/history/operators",
    {
      schema: {
        tags: ["history"],
        summary: "List the operators a search can name",
        description:
          "The members of the services the operator is a member of (an administrator: of every service), by name: the choices of the history's operator condition.",
        access: "operator",
        response: { 200: historyOperatorsResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return { operators: await historyOperators(db, operator) };
    },
  );

  app.get(
    "/api/history/chats/:chatId",
    {
      schema: {
        tags: ["history"],
        summary: "Read a chat's record",
        description:
          "A chat of a service the operator is a member of (an administrator: any chat), whoever held it: the list's row, the customer and inquiry info, and the transcript in order.",
        access: "operator",
        params: chatParams,
        response: { 200: historyChatResponse },
        errors: { chat_not_found: "no such chat, or it is of a service the operator is not in" },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return historyRecord(db, operator, request.params.chatId);
    },
  );
};
