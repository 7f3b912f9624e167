/** On PostgreSQL every process reads what any other stored: a file uploaded through one process
 *  (its own DATA_DIR) downloads, whole, through another. */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, upload } from "../test/attachments.js";
import { buildOperator, buildService, requestChat } from "../test/factories.js";
import { startTwoProcesses, type TestServer } from "../test/harness.js";
import type { TestSocket } from "../test/socket.js";

let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  [first, second] = await startTwoProcesses();
});
afterAll(async () => {
  await first.close();
  await second.close();
});

describe("attachments across two processes", () => {
  it("downloads through one process the file the customer uploaded through the other", async () => {
    const service = await buildService(first);
    const operator = await buildOperator(second, { services: [service], status: "online" });
    const chat = await requestChat(first, service);
    // Larger than one stored chunk, and not a multiple of it.
    const bytes = Buffer.concat([Buffer.from("report\n"), randomBytes(600 * 1024)]);
    const sent = await upload(first, chat.chat.id, { token: chat.customerToken }, "log.txt", bytes);
    expect(sent.status).toBe(201);

    const { message } = await (operator.socket as TestSocket).next(
      "message",
      (frame) => frame.message.id === sent.message.id,
    );
    const file = await download(second, message.attachment?.id ?? "", { cookie: operator.cookie });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
