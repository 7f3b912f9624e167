import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  chatInfoBody,
  chatListResponse,
  chatParams,
  chatResponse,
  maskMessageBody,
  messageParams,
  messageResponse,
  transferTargetsResponse,
} from "../../shared/api.js";
import { requireOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { fieldsFrom, notFound } from "../errors.js";
import { saveChatInfo } from "./info.js";
import { openChat, transferTargets } from "./lifecycle.js";
import { maskMessage } from "./masking.js";
import { chatOfParty, chatRecordOf, chatSummary, liveChatsOf } from "./queries.js";

/** How a chat record's route refuses a chat of a service the operator is not a member of. */
const notMember = {
  chat_not_found: "no such chat, or the operator is not a member of its service",
};

/** How a chat route refuses a chat that is not the operator's, as if it did not exist. */
const notTheirs = { chat_not_found: "no such chat, or it is not assigned to this operator" };

export const chatRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db } = context;

  app.get(
    "/api/chats",
    {
      schema: {
        tags: ["chats"],
        summary: "List my live chats",
        description:
          "The chats assigned to the logged-in operator that are waiting, in progress, or ended by their customer and not yet by the operator: the console's chat list. Their changes then arrive over the WebSocket.",
        access: "operator",
        response: { 200: chatListResponse },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return { chats: await liveChatsOf(db, operator.id) };
    },
  );

  app.post(
    "/api/chats/:chatId/open",
    {
      schema: {
        tags: ["chats"],
        summary: "Open a chat",
        description:
          "The operator opens one of their chats. The first opening starts a waiting chat (the customer sees it in progress) and counts towards processed; a chat its operator never opened goes to another operator when they leave. Opening again changes nothing. Answers the chat as it is now.",
        access: "operator",
        params: chatParams,
        response: { 200: chatResponse },
        errors: notTheirs,
      },
    },
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
      schema: {
        tags: ["chats"],
        summary: "List whom a chat can be handed to",
        description:
          "The operators the chat can be transferred to now: the online members of its service with a live console, but the operator who holds it. The transfer itself is the WebSocket's `chat.transfer`.",
        access: "operator",
        params: chatParams,
        response: { 200: transferTargetsResponse },
        errors: notTheirs,
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const chat = await chatOfParty(db, { role: "operator", operator }, request.params.chatId);
      return { operators: await transferTargets(context, db, chat) };
    },
  );

  app.put(
    "/api/chats/:chatId/info",
    {
      schema: {
        tags: ["chats"],
        summary: "Save a chat's customer info and inquiry info",
        description:
          "Stores the customer's name, email and notes and the chat's processing type in one transaction, for a live or an ended chat, by any member of its service (and administrators). Each part names the `version` it was edited from; when either is older than the stored one, nothing is saved and the answer is 409 `edit_conflict` whose `current` is the chat as it is now (the `Chat` schema). A processing type must be one of the service's in use, or the retired one the chat already has. Answers the saved chat; its operator's console gets it as a `chat` frame.",
        access: "operator",
        params: chatParams,
        body: chatInfoBody,
        response: { 200: chatResponse },
        errors: {
          ...notMember,
          edit_conflict:
            "a colleague saved the customer or the chat after the version this save names; `current` holds the chat as it is now",
          validation_failed:
            "a field's value, including `body.inquiry.processingTypeId` when it is not one of the service's processing types in use (reason invalid_choice)",
        },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      const chat = await chatRecordOf(db, operator, request.params.chatId);
      return { chat: await fieldsFrom("body", () => saveChatInfo(context, chat.id, request.body)) };
    },
  );

  app.post(
    "/api/messages/:messageId/mask",
    {
      schema: {
        tags: ["chats"],
        summary: "Mask personal data in a message",
        description:
          "Replaces the range `start`–`end` of a customer's or operator's message (UTF-16 code units, as a browser's selection counts; `end` excluded) with as many • characters, for a live or an ended chat, by any member of its service (and administrators). The original text is gone: nothing keeps it, a word of it no longer finds the chat in the history, and the audit log records who masked which range of which message, never the text. It cannot be undone. Whoever follows the chat (its customer, its operator) gets the masked message as a `message.masked` frame. Answers the masked message.",
        access: "operator",
        params: messageParams,
        body: maskMessageBody,
        response: { 200: messageResponse },
        errors: {
          message_not_found:
            "no such message, or it is of a chat of a service the operator is not a member of",
          message_not_maskable: "a system message (a greeting, a transfer…): nobody's words",
          validation_failed:
            "the range: `body.end` past the text (reason out_of_range, `limit` the text's length) or not after `body.start` (end_before_start); `body.start` inside a character (splits_character) or a range that is mask already (already_masked)",
        },
      },
    },
    async (request) => {
      const operator = await requireOperator(db, request);
      return {
        message: await fieldsFrom("body", () =>
          maskMessage(context, operator, request.params.messageId, request.body),
        ),
      };
    },
  );
};
