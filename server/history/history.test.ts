/** Chat history: a support lead finds past chats by their conditions and by the words that were
 *  written, and only among the services they may see. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryChat } from "../../shared/history.js";
import { searchHistory } from "../chats/history.js";
import { customerMatching } from "../customers/customers.js";
import { addMember, type ServiceRow } from "../services/services.js";
import {
  adminCookie,
  buildOperator,
  buildService,
  call,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { liveChat } from "../test/live-chat.js";
import { buildPastChat, buildProcessingType, type PastChat } from "../test/past-chats.js";
import { services } from "../test/tables.js";

let server: TestServer;
let service: ServiceRow;
let alice: TestOperator;
let bob: TestOperator;
beforeAll(async () => {
  server = await startTestServer();
  service = await buildService(server, { name: "Shop" });
  alice = await buildOperator(server, { services: [service], name: "Alice" });
  bob = await buildOperator(server, { services: [service], name: "Bob" });
});
afterAll(() => server.close());

const db = () => server.app.context.db;

/** A service of its own for one test, so that its chats are the only ones it lists. */
async function freshService(timeZone = "UTC") {
  const own = await buildService(server);
  await db().update(services).set({ timeZone }).where(eq(services.id, own.id));
  await addMember(db(), { operatorId: alice.id, serviceId: own.id });
  return own;
}

let clock = Date.parse("2026-06-01T00:00:00Z");
/** Chats built in order, each an hour after the one before: the newest is the last built. */
function past(serviceId: string, chat: Partial<PastChat> = {}) {
  clock += 3_600_000;
  return buildPastChat(db(), { serviceId, requestedAt: new Date(clock), ...chat });
}

async function search(cookie: string, conditions: Record<string, string>) {
  const query = new URLSearchParams(conditions).toString();
  const response = await call(server, "GET", `/api/history/chats?${query}`, { cookie });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { chats: HistoryChat[]; next: string | null };
}
const idsOf = async (cookie: string, conditions: Record<string, string>) =>
  (await search(cookie, conditions)).chats.map((chat) => chat.id);

describe("the list", () => {
  it("lists every chat of the service, newest first, a page at a time", async () => {
    const own = await freshService();
    const member = await buildOperator(server, { services: [own] });
    const [first, second, third] = [await past(own.id), await past(own.id), await past(own.id)];
    const page = await search(member.cookie, { serviceId: own.id, limit: "2" });
    expect(page.chats.map((chat) => chat.id)).toEqual([third, second]);
    expect(page.next).not.toBeNull();
    const older = await search(member.cookie, {
      serviceId: own.id,
      limit: "2",
      cursor: page.next as string,
    });
    expect(older.chats.map((chat) => chat.id)).toEqual([first]);
    expect(older.next).toBeNull();
  });

  it("shows the customer, who held it, the processing type's path, the outcome and the duration", async () => {
    const own = await freshService();
    const orders = await buildProcessingType(db(), own.id, "Orders");
    const late = await buildProcessingType(db(), own.id, "Late delivery", orders);
    const member = await buildOperator(server, { services: [own] });
    const id = await past(own.id, {
      customer: { name: "Hana Tanaka", email: "hana@example.com" },
      holders: [alice.id, bob.id],
      processingTypeId: late.id,
      processed: true,
      rating: 4,
      minutes: 12,
      channel: "help_center",
    });
    const [chat] = (await search(member.cookie, { serviceId: own.id })).chats;
    expect(chat).toMatchObject({
      id,
      customer: { name: "Hana Tanaka", email: "hana@example.com" },
      operators: [
        { id: alice.id, name: "Alice" },
        { id: bob.id, name: "Bob" },
      ],
      processingType: [
        { id: orders.id, names: { en: "Orders" } },
        { id: late.id, names: { en: "Late delivery" } },
      ],
      processed: true,
      rating: 4,
      durationSeconds: 720,
      channel: "help_center",
      state: "closed",
    });
  });

  it("counts a chat whose only message is the greeting as unprocessed, though its operator opened it", async () => {
    const own = await freshService();
    const { chatId, operator } = await liveChat(server, own);
    await call(server, "POST", `/api/chats/${chatId}/open`, { cookie: operator.cookie });
    const [chat] = (await search(operator.cookie, { serviceId: own.id })).chats;
    expect(chat).toMatchObject({ id: chatId, processed: false });
  });
});

describe("the conditions", () => {
  it("takes the period in days of the service's time zone", async () => {
    const own = await freshService("Asia/Tokyo");
    const member = await buildOperator(server, { services: [own] });
    // 23:30 on 1 March and 00:30 on 2 March in Tokyo; 14:30 and 15:30 on 1 March in UTC.
    await buildPastChat(db(), {
      serviceId: own.id,
      requestedAt: new Date("2026-03-01T14:30:00Z"),
    });
    const second = await buildPastChat(db(), {
      serviceId: own.id,
      requestedAt: new Date("2026-03-01T15:30:00Z"),
    });
    const third = await buildPastChat(db(), {
      serviceId: own.id,
      requestedAt: new Date("2026-03-03T14:59:00Z"),
    });
    await buildPastChat(db(), { serviceId: own.id, requestedAt: new Date("2026-03-03T15:00:00Z") });
    expect(
      await idsOf(member.cookie, { serviceId: own.id, from: "2026-03-02", to: "2026-03-03" }),
    ).toEqual([third, second]);
  });

  it("tells processed chats from unprocessed ones", async () => {
    const own = await freshService();
    const answered = await past(own.id, { holders: [alice.id], processed: true });
    const abandoned = await past(own.id, { holders: [alice.id] });
    expect(await idsOf(alice.cookie, { serviceId: own.id, status: "processed" })).toEqual([
      answered,
    ]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, status: "unprocessed" })).toEqual([
      abandoned,
    ]);
  });

  it("finds the chats an operator held, transferred ones too", async () => {
    const own = await freshService();
    const transferred = await past(own.id, { holders: [alice.id, bob.id] });
    const alices = await past(own.id, { holders: [alice.id] });
    await past(own.id);
    expect(await idsOf(alice.cookie, { serviceId: own.id, operatorId: bob.id })).toEqual([
      transferred,
    ]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, operatorId: alice.id })).toEqual([
      alices,
      transferred,
    ]);
  });

  it("finds a processing type's chats and its descendants'", async () => {
    const own = await freshService();
    const orders = await buildProcessingType(db(), own.id, "Orders");
    const late = await buildProcessingType(db(), own.id, "Late", orders);
    const lost = await buildProcessingType(db(), own.id, "Lost", late);
    const billing = await buildProcessingType(db(), own.id, "Billing");
    const top = await past(own.id, { processingTypeId: orders.id });
    const deepest = await past(own.id, { processingTypeId: lost.id });
    await past(own.id, { processingTypeId: billing.id });
    await past(own.id);
    expect(await idsOf(alice.cookie, { serviceId: own.id, processingTypeId: orders.id })).toEqual([
      deepest,
      top,
    ]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, processingTypeId: late.id })).toEqual([
      deepest,
    ]);
  });

  it("finds chats by their rating, or without one", async () => {
    const own = await freshService();
    const five = await past(own.id, { rating: 5 });
    await past(own.id, { rating: 2 });
    const unrated = await past(own.id);
    expect(await idsOf(alice.cookie, { serviceId: own.id, rating: "5" })).toEqual([five]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, rating: "none" })).toEqual([unrated]);
  });

  it("finds chats by channel", async () => {
    const own = await freshService();
    const fromHelpCenter = await past(own.id, { channel: "help_center" });
    await past(own.id, { channel: "widget" });
    expect(await idsOf(alice.cookie, { serviceId: own.id, channel: "help_center" })).toEqual([
      fromHelpCenter,
    ]);
  });

  it("tells the chats made into a ticket from the others, and names the ticket", async () => {
    const own = await freshService();
    const member = await buildOperator(server, { services: [own] });
    const withTicket = await past(own.id, { holders: [alice.id], minutes: 5 });
    const without = await past(own.id, { holders: [alice.id], minutes: 5 });
    const created = await call(server, "POST", `/api/chats/${withTicket}/ticket`, {
      cookie: member.cookie,
      body: {},
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await idsOf(member.cookie, { serviceId: own.id, hasTicket: "yes" })).toEqual([
      withTicket,
    ]);
    expect(await idsOf(member.cookie, { serviceId: own.id, hasTicket: "no" })).toEqual([without]);
    const [listed] = (await search(member.cookie, { serviceId: own.id, hasTicket: "yes" })).chats;
    expect(listed?.ticket).toMatchObject({ number: expect.any(Number) });
  });

  it("finds chats by part of the customer's name or email, whatever the width or case", async () => {
    const own = await freshService();
    const tanaka = await past(own.id, {
      customer: { name: "田中 花子", email: "Hana@Shop.example" },
    });
    const kim = await past(own.id, { customer: { name: "Kim Minjun", email: "kim@example.com" } });
    await past(own.id);
    expect(await idsOf(alice.cookie, { serviceId: own.id, customer: "田中" })).toEqual([tanaka]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, customer: "ｈａｎａ@shop" })).toEqual([
      tanaka,
    ]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, customer: "minj" })).toEqual([kim]);
    expect(await idsOf(alice.cookie, { serviceId: own.id, customer: "Kim Min" })).toEqual([kim]);
    const short = await call(server, "GET", `/api/history/chats?customer=ki`, {
      cookie: alice.cookie,
    });
    expect(short.body.error).toMatchObject({ field: "querystring.customer", reason: "too_short" });
  });

  it("refuses a period that ends before it starts, naming the field", async () => {
    const response = await call(server, "GET", "/api/history/chats?from=2026-03-02&to=2026-03-01", {
      cookie: alice.cookie,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: "validation_failed",
      field: "querystring.to",
    });
  });
});

describe("words in the conversation", () => {
  let own: ServiceRow;
  const said: Record<string, string> = {};
  beforeAll(async () => {
    own = await freshService();
    const lines = {
      cat: ["customer: うちの猫が箱を噛みました", "operator: 承知しました"],
      order: ["customer: 注文した商品がまだ届きません"],
      reversed: ["customer: 文注という言葉はありません"],
      single: ["customer: 注意してください", "operator: 文字化けしています"],
      refund: ["customer: I would like a REFUND for my order", "operator: Refunded today."],
      korean: ["customer: 환불을 요청합니다", "operator: 확인하겠습니다"],
      wide: ["customer: ＡＢＣ－１２３のケーブル"],
      greetingOnly: ["system: ご注文ありがとうございます。猫 refund 환불", "customer: hello"],
    };
    // Closed chats are found through their indexed words, the live one by reading it.
    for (const [name, messages] of Object.entries(lines)) {
      said[name] = await past(own.id, { messages, minutes: name === "refund" ? undefined : 10 });
    }
  });
  const find = (words: string) => idsOf(alice.cookie, { serviceId: own.id, words });

  it("finds 1- and 2-character Japanese words, and nothing that only has their characters", async () => {
    expect(await find("猫")).toEqual([said.cat]);
    expect(await find("注文")).toEqual([said.order]);
    expect(await find("文注")).toEqual([said.reversed]);
    expect(await find("届きません")).toEqual([said.order]);
  });

  it("finds parts of English words in any case, and Korean words", async () => {
    expect(await find("fund")).toEqual([said.refund]);
    expect(await find("Refunded")).toEqual([said.refund]);
    expect(await find("환불")).toEqual([said.korean]);
    expect(await find("확인")).toEqual([said.korean]);
  });

  it("matches full-width letters and digits to their plain form", async () => {
    expect(await find("abc-123")).toEqual([said.wide]);
    expect(await find("ｃａｂｌｅ")).toEqual([]);
    expect(await find("ケーブル")).toEqual([said.wide]);
  });

  it("wants every word in the conversation, and never searches what the system said", async () => {
    expect(await find("猫 噛み")).toEqual([said.cat]);
    expect(await find("猫 承知")).toEqual([said.cat]);
    expect(await find("猫 注文")).toEqual([]);
    expect(await find("ありがとう")).toEqual([]);
  });

  it("finds the words of a chat the operator ends, once it is closed", async () => {
    const chat = await liveChat(server, own);
    chat.customerWs.send({
      type: "message.send",
      chatId: chat.chatId,
      clientId: "late",
      body: "返金はいつですか",
    });
    await chat.customerWs.next("ack", (frame) => frame.clientId === "late");
    expect(await find("返金")).toEqual([chat.chatId]);
    chat.operatorWs.send({ type: "chat.end", chatId: chat.chatId });
    await chat.operatorWs.next("chat.state", (frame) => frame.update.state === "closed");
    expect(await find("返金")).toEqual([chat.chatId]);
    const indexed = await db().execute(
      sql`select 1 from chat_words where chat_id = ${chat.chatId} and grams @> array['返金']`,
    );
    expect((indexed as unknown as { rows: unknown[] }).rows).toHaveLength(1);
    chat.customerWs.close();
    chat.operatorWs.close();
  });

  it("refuses a word too short to look up, saying how long it must be", async () => {
    const response = await call(
      server,
      "GET",
      `/api/history/chats?serviceId=${own.id}&words=${encodeURIComponent("猫 ab")}`,
      { cookie: alice.cookie },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: "validation_failed",
      field: "querystring.words",
      reason: "too_short",
      limit: 3,
    });
  });

  it("gives the same chats by every plan: through the index, newest first, and past the newest", async () => {
    const frequent = await freshService();
    const texts = Array.from({ length: 12 }, (_, index) =>
      index % 3 === 0 ? `customer: 配送の件 ${index}` : `customer: 返品の件 ${index}`,
    );
    const ids: string[] = [];
    // Closed, so that the index knows them; the last one live, so that it is read directly.
    for (const [index, text] of texts.entries()) {
      const minutes = index === texts.length - 1 ? undefined : 10;
      ids.push(await past(frequent.id, { messages: [text], minutes }));
    }
    const expected = ids.filter((_, index) => index % 3 === 0).reverse();
    const plans = [
      { fewMatches: 500, newestWindow: 2000, fewCustomers: 500 },
      { fewMatches: 1, newestWindow: 2000, fewCustomers: 500 },
      { fewMatches: 1, newestWindow: 5, fewCustomers: 500 },
      { fewMatches: 1, newestWindow: 1, fewCustomers: 500 },
    ];
    for (const plan of plans) {
      const rows = await searchHistory(db(), {
        conditions: { serviceId: frequent.id, words: "配送" },
        limit: 10,
        plan,
      });
      expect(
        rows.map((row) => row.chat.id),
        JSON.stringify(plan),
      ).toEqual(expected);
    }
  });

  it("gives the same chats for a customer's name by both plans: by the few customers' ids, and newest first", async () => {
    const named = await freshService();
    const ids: string[] = [];
    for (const index of [1, 2, 3, 4]) {
      const name = index % 2 === 0 ? `Sato ${index}` : `Kim ${index}`;
      ids.push(await past(named.id, { customer: { name } }));
    }
    const sato = [ids[3], ids[1]];
    for (const fewCustomers of [500, 2, 1]) {
      const rows = await searchHistory(db(), {
        conditions: { serviceId: named.id, customer: "sato" },
        limit: 10,
        plan: { fewMatches: 500, newestWindow: 2000, fewCustomers },
      });
      expect(
        rows.map((row) => row.chat.id),
        `fewCustomers ${fewCustomers}`,
      ).toEqual(sato);
    }
    const none = await searchHistory(db(), {
      conditions: { serviceId: named.id, customer: "nobody" },
      limit: 10,
    });
    expect(none).toEqual([]);
  });

  it("finds a message iff its normalised text contains the word", async () => {
    const corpus = await freshService();
    const bodies = [
      "ご注文の猫用品は明日届きます",
      "注意: 文字の確認",
      "The parcel was refunded",
      "환불 요청",
      "환영합니다",
      "ＦＵＮＤ raising",
      "猫",
      "ねこ と いぬ",
    ];
    const ids = [];
    for (const body of bodies) {
      ids.push(await past(corpus.id, { messages: [`customer: ${body}`], minutes: 5 }));
    }
    const normal = (text: string) => text.normalize("NFKC").toLowerCase();
    for (const word of [
      "猫",
      "注文",
      "注",
      "文字",
      "fund",
      "refund",
      "환불",
      "환",
      "ねこ",
      "いぬ",
    ]) {
      const expected = ids.filter((_, index) => normal(bodies[index] as string).includes(word));
      expect(await idsOf(alice.cookie, { serviceId: corpus.id, words: word }), word).toEqual(
        expected.reverse(),
      );
    }
  });

  it("is looked up through the n-gram index on both back-ends", async () => {
    const plan = await db().transaction(async (tx) => {
      // The tables are small here: without this the planner reads them whole, as it should.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`
        explain select chat_id from chat_words where grams @> search_query_grams('注文')`);
      const customer = await tx.execute(sql`
        explain select id from chats where ${customerMatching(sql`customer_id`, "田中")}`);
      return [result, customer]
        .flatMap((rows) => (rows as unknown as { rows: Array<Record<string, string>> }).rows)
        .map((row) => Object.values(row)[0])
        .join("\n");
    });
    expect(plan).toContain("chat_words_grams_idx");
    expect(plan).toContain("customers_search_idx");
  });
});

describe("who may read the history", () => {
  it("shows an operator only the chats of their services, and an administrator every one", async () => {
    const other = await freshService();
    const outsider = await buildOperator(server, { services: [other] });
    const member = await buildOperator(server, { services: [service] });
    const ours = await past(service.id);
    const theirs = await past(other.id);
    expect(await idsOf(member.cookie, {})).toContain(ours);
    expect(await idsOf(member.cookie, {})).not.toContain(theirs);
    expect(await idsOf(member.cookie, { serviceId: other.id })).toEqual([]);
    expect(await idsOf(outsider.cookie, {})).toEqual([theirs]);
    // An administrator reads both. Asked by service: on a shared PostgreSQL, the whole list's first
    // page holds whatever chats the test files running beside this one made last.
    const admin = await adminCookie(server);
    expect(await idsOf(admin, { serviceId: service.id })).toContain(ours);
    expect(await idsOf(admin, { serviceId: other.id })).toEqual([theirs]);
  });

  it("refuses the list to anyone not logged in", async () => {
    expect((await call(server, "GET", "/api/history/chats")).status).toBe(401);
    expect((await call(server, "GET", "/api/history/operators")).status).toBe(401);
  });

  it("offers as operators to search by the members of one's own services only", async () => {
    const other = await freshService();
    const outsider = await buildOperator(server, { services: [other], name: "Oscar" });
    const member = await buildOperator(server, { services: [service] });
    const names = async (cookie: string) =>
      (await call(server, "GET", "/api/history/operators", { cookie })).body.operators.map(
        (operator: { id: string }) => operator.id,
      );
    expect(await names(member.cookie)).toEqual(expect.arrayContaining([alice.id, bob.id]));
    expect(await names(member.cookie)).not.toContain(outsider.id);
    expect(await names(outsider.cookie)).toEqual(expect.arrayContaining([outsider.id, alice.id]));
    expect(await names(outsider.cookie)).not.toContain(bob.id);
  });

  it("opens a chat's record and transcript for members and administrators only", async () => {
    const other = await freshService();
    const outsider = await buildOperator(server, { services: [other] });
    const id = await past(service.id, {
      holders: [alice.id],
      messages: ["customer: Where is my parcel?", "operator: On its way."],
      customer: { name: "Ken" },
    });
    const path = `/api/history/chats/${id}`;
    const asBob = await call(server, "GET", path, { cookie: bob.cookie });
    expect(asBob.status).toBe(200);
    expect(asBob.body.record).toMatchObject({ id, customer: { name: "Ken" } });
    expect(asBob.body.chat).toMatchObject({ id, operators: [{ name: "Alice" }] });
    expect(
      asBob.body.messages.map((message: { author: string; body: string }) => message.body),
    ).toEqual(["Where is my parcel?", "On its way."]);
    expect((await call(server, "GET", path, { cookie: await adminCookie(server) })).status).toBe(
      200,
    );
    const asOutsider = await call(server, "GET", path, { cookie: outsider.cookie });
    expect(asOutsider.status).toBe(404);
    expect(asOutsider.body.error.code).toBe("chat_not_found");
    expect((await call(server, "GET", path)).status).toBe(401);
  });
});
