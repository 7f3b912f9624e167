/** Attachments through the public API, on whichever database the run gives (PGlite: files under
 *  DATA_DIR; PostgreSQL: chunk rows): limits, storage, who may read, and the headers. */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAttachmentLimits } from "../../shared/attachment-rules.js";
import { download, pdf, png, type Sender, upload } from "../test/attachments.js";
import {
  adminCookie,
  buildOperator,
  buildService,
  call,
  customerSocket,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { type LiveChat, liveChat } from "../test/live-chat.js";
import { auditLog } from "../test/tables.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const customerOf = (chat: LiveChat) => ({ token: chat.chat.customerToken });

describe("sending a file in a chat", () => {
  it("gives the operator the customer's image as a message with its name, type and size", async () => {
    const chat = await liveChat(server);
    const sent = await upload(server, chat.chatId, customerOf(chat), "screenshot.png", png);
    expect(sent.status).toBe(201);
    expect(sent.message).toMatchObject({
      author: "customer",
      body: "screenshot.png",
      attachment: { name: "screenshot.png", contentType: "image/png", size: png.length },
    });
    const { message } = await chat.operatorWs.next(
      "message",
      (f) => f.message.seq === sent.message.seq,
    );
    expect(message.attachment).toEqual(sent.message.attachment);

    const file = await download(server, message.attachment?.id ?? "", {
      cookie: chat.operator.cookie,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''screenshot.png");
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  });

  it("gives the customer the operator's PDF, to download, and counts it as the operator's reply", async () => {
    const chat = await liveChat(server);
    const sent = await upload(
      server,
      chat.chatId,
      { cookie: chat.operator.cookie },
      "見積書.pdf",
      pdf,
    );
    expect(sent.status).toBe(201);
    expect(sent.message).toMatchObject({ author: "operator", authorName: "Olivia Operator" });
    const { message } = await chat.customerWs.next(
      "message",
      (f) => f.message.seq === sent.message.seq,
    );
    expect(message.attachment).toMatchObject({ contentType: "application/pdf", size: pdf.length });
    const processed = await chat.operatorWs.next("chat", (f) => f.chat.id === chat.chatId);
    expect(processed.chat.processed).toBe(false); // never opened; the reply is recorded
    expect(processed.chat.firstReplyAt).not.toBeNull();

    const file = await download(server, message.attachment?.id ?? "", customerOf(chat));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("見積書.pdf")}`,
    );
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it("keeps the attachment in the transcript a resumed client is sent", async () => {
    const chat = await liveChat(server);
    const sent = await upload(server, chat.chatId, customerOf(chat), "photo.png", png);
    const resumed = await customerSocket(server, chat.chat);
    const { message } = await resumed.next("message", (f) => f.message.seq === sent.message.seq);
    expect(message.attachment?.id).toBe(sent.message.attachment?.id);
    resumed.close();
  });

  it("answers a resend of the same client id with the message stored then", async () => {
    const chat = await liveChat(server);
    const first = await upload(server, chat.chatId, customerOf(chat), "a.png", png, "same");
    const again = await upload(server, chat.chatId, customerOf(chat), "a.png", png, "same");
    expect(again.status).toBe(201);
    expect(again.message.id).toBe(first.message.id);
  });

  it("serves an image-looking file that is not an image as a download, and never SVG inline", async () => {
    const chat = await liveChat(server);
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const asText = await upload(server, chat.chatId, customerOf(chat), "notes.txt", html);
    expect(asText.message.attachment?.contentType).toBe("application/octet-stream");
    const file = await download(server, asText.message.attachment?.id ?? "", customerOf(chat));
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);

    const svg = await upload(server, chat.chatId, customerOf(chat), "logo.svg", html);
    expect(svg.status).toBe(400);
    expect(svg.body.error).toMatchObject({ field: "body.file", reason: "type_not_allowed" });
  });
});

describe("the limits", () => {
  it("refuses, by the settings, a type not accepted, a file too large, an empty one and a fake image", async () => {
    const chat = await liveChat(server);
    const admin = await adminCookie(server);
    const changed = await call(server, "PUT", "/api/attachment-limits", {
      cookie: admin,
      body: { maxBytes: 1000, extensions: ["png", "pdf", "txt"] },
    });
    expect(changed.status).toBe(200);
    expect((await call(server, "GET", "/api/attachment-limits")).body.limits).toEqual({
      maxBytes: 1000,
      extensions: ["png", "pdf", "txt"],
    });
    // Who changed them, and from what to what, is in the audit log.
    const [entry] = await server.app.context.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, "attachmentLimits"))
      .orderBy(desc(auditLog.createdAt))
      .limit(1);
    expect(entry).toMatchObject({ subject: "setting", action: "changed", serviceId: null });
    expect(entry?.after).toMatchObject({ maxBytes: 1000, extensions: ["png", "pdf", "txt"] });
    expect(entry?.actorId).not.toBeNull();
    const files = path.join(server.dataDir, "attachments");
    const stored = async () => (existsSync(files) ? (await readdir(files)).length : 0);
    const before = await stored();
    try {
      const refusals = [
        await upload(server, chat.chatId, customerOf(chat), "report.docx", Buffer.from("PK..")),
        await upload(server, chat.chatId, customerOf(chat), "big.txt", Buffer.alloc(1001, 97)),
        await upload(server, chat.chatId, customerOf(chat), "empty.txt", Buffer.alloc(0)),
        await upload(server, chat.chatId, customerOf(chat), "fake.png", pdf),
      ];
      expect(refusals.map((refusal) => [refusal.status, refusal.body.error.reason])).toEqual([
        [400, "type_not_allowed"],
        [400, "too_big"],
        [400, "too_small"],
        [400, "content_mismatch"],
      ]);
      expect(refusals[1]?.body.error.limit).toBe(1000);
      // Nothing was stored, and the chat has no message of them.
      expect(await stored()).toBe(before);
      const ok = await upload(server, chat.chatId, customerOf(chat), "ok.txt", Buffer.from("fine"));
      expect(ok.message.seq).toBe(2);
    } finally {
      await call(server, "PUT", "/api/attachment-limits", {
        cookie: admin,
        body: defaultAttachmentLimits,
      });
    }
  });

  it("counts the bytes as they arrive, whatever length the client declared", async () => {
    const chat = await liveChat(server);
    const admin = await adminCookie(server);
    await call(server, "PUT", "/api/attachment-limits", {
      cookie: admin,
      body: { maxBytes: 1000, extensions: ["txt"] },
    });
    try {
      // A body streamed in pieces has no Content-Length to refuse it by.
      const pieces = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(400).fill(97));
          controller.close();
        },
      });
      const response = await fetch(
        `${server.url}/api/chats/${chat.chatId}/attachments?name=long.txt&clientId=x`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${chat.chat.customerToken}` },
          body: pieces,
          duplex: "half",
        } as RequestInit,
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { reason: string } }).error.reason).toBe(
        "too_big",
      );
    } finally {
      await call(server, "PUT", "/api/attachment-limits", {
        cookie: admin,
        body: defaultAttachmentLimits,
      });
    }
  });

  it("never accepts SVG or HTML as a setting", async () => {
    const changed = await call(server, "PUT", "/api/attachment-limits", {
      cookie: await adminCookie(server),
      body: { maxBytes: 1000, extensions: ["png", "svg"] },
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error.field).toBe("body.extensions.1");
  });

  it("refuses a file in a chat that has ended for its sender", async () => {
    const chat = await liveChat(server);
    chat.customerWs.send({ type: "chat.end", chatId: chat.chatId });
    await chat.customerWs.next("chat.state", (f) => f.update.state === "ended_by_customer");
    const sent = await upload(server, chat.chatId, customerOf(chat), "late.png", png);
    expect(sent.status).toBe(409);
    expect(sent.body.error.code).toBe("chat_closed");
  });
});

describe("who may send and read a file", () => {
  it("lets only the chat's parties send, and only its customer and its service's people read", async () => {
    const chat = await liveChat(server);
    const sent = await upload(server, chat.chatId, customerOf(chat), "mine.png", png);
    const id = sent.message.attachment?.id ?? "";
    const other = await liveChat(server);
    const otherService = await buildService(server);
    const outsider = await buildOperator(server, { services: [otherService] });
    const colleague = await buildOperator(server, { services: [chat.service] });

    const sendAs = async (sender: Sender | null) =>
      sender
        ? (await upload(server, chat.chatId, sender, "x.png", png)).status
        : (
            await fetch(
              `${server.url}/api/chats/${chat.chatId}/attachments?name=x.png&clientId=y`,
              {
                method: "POST",
                body: png,
              },
            )
          ).status;
    expect({
      anonymous: await sendAs(null),
      forgedToken: await sendAs({ token: "forged" }),
      anotherCustomer: await sendAs(customerOf(other)),
      operatorOfAnotherService: await sendAs({ cookie: outsider.cookie }),
      colleagueNotHoldingIt: await sendAs({ cookie: colleague.cookie }),
    }).toEqual({
      anonymous: 401,
      forgedToken: 401,
      anotherCustomer: 404,
      operatorOfAnotherService: 404,
      colleagueNotHoldingIt: 404,
    });

    const readAs = async (sender?: Sender) => (await download(server, id, sender)).status;
    expect({
      anonymous: await readAs(),
      anotherCustomer: await readAs(customerOf(other)),
      operatorOfAnotherService: await readAs({ cookie: outsider.cookie }),
      customer: await readAs(customerOf(chat)),
      operator: await readAs({ cookie: chat.operator.cookie }),
      colleague: await readAs({ cookie: colleague.cookie }),
      administrator: await readAs({ cookie: await adminCookie(server) }),
    }).toEqual({
      anonymous: 401,
      anotherCustomer: 404,
      operatorOfAnotherService: 404,
      customer: 200,
      operator: 200,
      colleague: 200,
      administrator: 200,
    });
  });

  it("lets only administrators change the limits", async () => {
    const service = await buildService(server);
    const operator = await buildOperator(server, { services: [service] });
    const body = { maxBytes: 1000, extensions: ["png"] };
    expect((await call(server, "PUT", "/api/attachment-limits", { body })).status).toBe(401);
    expect(
      (await call(server, "PUT", "/api/attachment-limits", { body, cookie: operator.cookie }))
        .status,
    ).toBe(403);
  });

  it("answers an unknown attachment as not found", async () => {
    const chat = await liveChat(server);
    const response = await download(server, crypto.randomUUID(), customerOf(chat));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "attachment_not_found",
    );
  });
});

describe("the history export", () => {
  it("names the file in the messages sheet", async () => {
    const chat = await liveChat(server);
    await upload(server, chat.chatId, customerOf(chat), "invoice-2026-06.pdf", pdf);
    const admin = await adminCookie(server);
    const started = await call(server, "POST", "/api/history/exports", {
      cookie: admin,
      body: { conditions: { serviceId: chat.service.id }, withMessages: true },
    });
    expect(started.status).toBe(202);
    let job = started.body;
    while (job.state === "running") {
      job = (await call(server, "GET", `/api/history/exports/${job.id}`, { cookie: admin })).body;
    }
    const file = await fetch(`${server.url}/api/history/exports/${job.id}/file`, {
      headers: { cookie: admin },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const messages: unknown[] = [];
    workbook.getWorksheet("Messages")?.eachRow((row) => {
      messages.push(row.getCell(5).value);
    });
    expect(messages).toContain("invoice-2026-06.pdf");
  });
});
