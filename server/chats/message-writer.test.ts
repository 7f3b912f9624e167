/** Group commit: messages written at once go through shared transactions, and each still gets
 *  exactly the answer it would get alone. Calls the writer directly, so the grouping is certain:
 *  the first write starts a transaction and every later one joins the next group. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOperator, buildService, requestChat } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { endChatByOperator } from "./lifecycle.js";
import { messagesAfter } from "./queries.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const mayWrite = () => true;

async function chats(count: number) {
  const service = await buildService(server);
  await buildOperator(server, { services: [service], status: "online", chatLimit: count });
  const started = [];
  for (let index = 0; index < count; index++) started.push(await requestChat(server, service));
  return started.map((chat) => chat.chat.id);
}

describe("the group commit of messages", () => {
  it("numbers each chat's messages without gaps when many chats write at once", async () => {
    const chatIds = await chats(8);
    const { messageWriter } = server.app.context;
    const writes = chatIds.flatMap((chatId) =>
      Array.from({ length: 25 }, (_, index) =>
        messageWriter.write({
          chatId,
          clientId: `m${index}`,
          body: `message ${index}`,
          author: "customer",
          operatorId: null,
          mayWrite: () => true,
        }),
      ),
    );
    const written = await Promise.all(writes);
    expect(written.every((message) => message.created)).toBe(true);
    for (const chatId of chatIds) {
      const stored = await messagesAfter(server.app.context.db, chatId, 0);
      // The greeting is 1; the customer's messages follow in the order they were written.
      expect(stored.map((message) => message.seq)).toEqual(
        Array.from({ length: 26 }, (_, index) => index + 1),
      );
      expect(stored.slice(1).map((message) => message.body)).toEqual(
        Array.from({ length: 25 }, (_, index) => `message ${index}`),
      );
    }
  });

  it("answers each message of a group on its own: refused, duplicate, unknown, foreign and stored alike", async () => {
    const [open, closed] = (await chats(2)) as [string, string];
    await endChatByOperator(server.app.context, closed);
    const { messageWriter, db } = server.app.context;
    const write = (
      chatId: string,
      clientId: string,
      author: "customer" | "operator" = "customer",
    ) =>
      messageWriter.write({ chatId, clientId, body: clientId, author, operatorId: null, mayWrite });

    const first = write(open, "first");
    const results = await Promise.allSettled([
      write(open, "a"),
      write(closed, "to a closed chat"),
      write(randomUUID(), "to no chat"),
      write(open, "a"), // the same message again, in the same group
      write(open, "b"),
      messageWriter.write({
        chatId: open,
        clientId: "not theirs",
        body: "not theirs",
        author: "customer",
        operatorId: null,
        mayWrite: () => false,
      }),
    ]);
    await first;
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    const [a, closedError, unknownError, again, b, foreign] = results;
    expect((foreign as PromiseRejectedResult).reason).toMatchObject({ code: "chat_not_found" });
    expect((closedError as PromiseRejectedResult).reason).toMatchObject({ code: "chat_closed" });
    expect((unknownError as PromiseRejectedResult).reason).toMatchObject({
      code: "chat_not_found",
    });
    const aRow = (a as PromiseFulfilledResult<{ row: { id: string }; created: boolean }>).value;
    const againRow = (again as PromiseFulfilledResult<{ row: { id: string }; created: boolean }>)
      .value;
    expect(againRow.row.id).toBe(aRow.row.id);
    expect([aRow.created, againRow.created]).toEqual([true, false]);
    expect((b as PromiseFulfilledResult<{ created: boolean }>).value.created).toBe(true);

    const stored = await messagesAfter(db, open, 0);
    expect(stored.map((message) => message.body)).toEqual([expect.any(String), "first", "a", "b"]);
    expect((await messagesAfter(db, closed, 0)).map((message) => message.body)).not.toContain(
      "to a closed chat",
    );
  });

  it("marks only the operator's first reply of a chat as the first reply, within a group too", async () => {
    const [chatId] = (await chats(1)) as [string];
    const { messageWriter } = server.app.context;
    const write = (clientId: string, author: "customer" | "operator") =>
      messageWriter.write({ chatId, clientId, body: clientId, author, operatorId: null, mayWrite });
    const question = write("question", "customer");
    const replies = await Promise.all([write("one", "operator"), write("two", "operator")]);
    await question;
    expect(replies.map((reply) => reply.firstReply)).toEqual([true, false]);
    expect((await write("three", "operator")).firstReply).toBe(false);
  });
});
