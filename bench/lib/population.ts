/**
 * The connected people of a run: operators with their consoles' sockets, and chats, each with its
 * customer's socket and the socket of the operator it was assigned to.
 *
 * Madoguchi: operators connect first (assignment needs a live console), then chats are requested
 * through the widget's API (`POST /api/widget/chats`), and each customer connects with the token
 * it got and follows its chat from sequence 0, exactly as the widget does.
 * Relay: the same sockets and frames against the baseline relay, which has no accounts: chats are
 * dealt round-robin to the operators, who name them in their hello.
 */
import { randomUUID } from "node:crypto";
import { BenchSocket } from "./client.js";
import { mapLimit } from "./stats.js";

export interface Chat {
  id: string;
  customer: BenchSocket;
  operator: BenchSocket;
}

export interface Population {
  operators: BenchSocket[];
  chats: Chat[];
  close(): Promise<void>;
}

const CONNECT_CONCURRENCY = 64;
const REQUEST_CONCURRENCY = 16;

/** Spreads client sockets over several loopback source addresses, so that tens of thousands of
 *  connections do not run out of ephemeral ports. */
export function localAddress(index: number): string {
  return `127.0.0.${2 + (index % 200)}`;
}

export interface StartedChat {
  chatId: string;
  customerToken: string;
}

async function requestChat(httpUrl: string, serviceKey: string): Promise<StartedChat> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${httpUrl}/api/widget/chats`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "madoguchi-bench" },
      body: JSON.stringify({
        serviceKey,
        consent: true,
        channel: "widget",
        pageUrl: "https://shop.example.com/help",
      }),
    });
    const text = await response.text();
    if (response.status === 201) {
      const body = JSON.parse(text) as { chat: { id: string }; customerToken: string };
      return { chatId: body.chat.id, customerToken: body.customerToken };
    }
    if (attempt >= 3) throw new Error(`chat request failed (${response.status}): ${text}`);
  }
}

export async function connectOperators(wsUrl: string, cookies: string[]): Promise<BenchSocket[]> {
  return mapLimit(cookies, CONNECT_CONCURRENCY, async (cookie, index) => {
    const socket = await BenchSocket.open(wsUrl, "operator", {
      headers: { cookie },
      localAddress: localAddress(index),
    });
    const welcome = socket.next((frame) => frame.type === "welcome", "welcome");
    socket.send({ type: "hello", cursors: [] });
    await welcome;
    return socket;
  });
}

/**
 * Requests `count` chats on `httpUrl` (services taken in turn) while the operators are connected
 * (possibly to another process), and waits until each chat's operator has it synced.
 */
export async function requestChats(
  httpUrl: string,
  serviceKeys: string[],
  operators: BenchSocket[],
  count: number,
): Promise<Array<StartedChat & { operator: BenchSocket }>> {
  const holder = new Map<string, BenchSocket>();
  const synced = new Map<string, () => void>();
  const syncedEarly = new Set<string>();
  for (const operator of operators) {
    operator.onFrame = (frame) => {
      if (frame.type === "chat" && frame.chat) holder.set(frame.chat.id, operator);
      if (frame.type === "synced" && frame.chatId) {
        const done = synced.get(frame.chatId);
        if (done) done();
        else syncedEarly.add(frame.chatId);
      }
    };
  }
  const started = await mapLimit(
    Array.from({ length: count }, (_, index) => serviceKeys[index % serviceKeys.length] as string),
    REQUEST_CONCURRENCY,
    (serviceKey) => requestChat(httpUrl, serviceKey),
  );
  await Promise.all(
    started.map(
      (chat) =>
        new Promise<void>((resolve, reject) => {
          if (syncedEarly.has(chat.chatId)) return resolve();
          const timer = setTimeout(
            () => reject(new Error(`chat ${chat.chatId} never reached an operator`)),
            60_000,
          );
          synced.set(chat.chatId, () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
  for (const operator of operators) operator.onFrame = null;
  return started.map((chat) => {
    const operator = holder.get(chat.chatId);
    if (!operator) throw new Error(`chat ${chat.chatId} has no operator`);
    return { ...chat, operator };
  });
}

/** A customer's socket, past hello, following its chat (replay done). */
export async function connectCustomer(
  wsUrl: string,
  chat: StartedChat,
  index: number,
  waitFor: "synced" | "welcome" = "synced",
): Promise<BenchSocket> {
  const socket = await BenchSocket.open(wsUrl, "customer", { localAddress: localAddress(index) });
  const ready = socket.next(
    (frame) => frame.type === waitFor && (waitFor === "welcome" || frame.chatId === chat.chatId),
    waitFor,
  );
  socket.send({
    type: "hello",
    customerToken: chat.customerToken,
    cursors: [{ chatId: chat.chatId, lastSeq: 0 }],
  });
  await ready;
  return socket;
}

export async function connectCustomers(
  wsUrl: string,
  chats: StartedChat[],
  waitFor: "synced" | "welcome" = "synced",
): Promise<BenchSocket[]> {
  return mapLimit(chats, CONNECT_CONCURRENCY, (chat, index) =>
    connectCustomer(wsUrl, chat, index, waitFor),
  );
}

async function closeAll(sockets: BenchSocket[]): Promise<void> {
  await mapLimit(sockets, 256, (socket) => socket.close());
}

/** Madoguchi: operators on `operatorWsUrl`, chats requested on `httpUrl`, customers on
 *  `customerWsUrl` (two processes in the scale-out scenario, one otherwise). */
export async function madoguchiPopulation(options: {
  httpUrl: string;
  customerWsUrl: string;
  operatorWsUrl: string;
  serviceKeys: string[];
  operatorCookies: string[];
  chats: number;
}): Promise<Population> {
  const operators = await connectOperators(options.operatorWsUrl, options.operatorCookies);
  const started = await requestChats(
    options.httpUrl,
    options.serviceKeys,
    operators,
    options.chats,
  );
  const customers = await connectCustomers(options.customerWsUrl, started);
  const chats = started.map((chat, index) => ({
    id: chat.chatId,
    customer: customers[index] as BenchSocket,
    operator: chat.operator,
  }));
  return {
    operators,
    chats,
    close: () => closeAll([...customers, ...operators]),
  };
}

/** The baseline relay: the same sockets and hello frames, without accounts. */
export async function relayPopulation(options: {
  wsUrl: string;
  operators: number;
  chats: number;
}): Promise<Population> {
  const ids = Array.from({ length: options.chats }, () => randomUUID());
  const operatorChats = Array.from({ length: options.operators }, (_, operator) =>
    ids.filter((_, index) => index % options.operators === operator),
  );
  const operators = await mapLimit(operatorChats, CONNECT_CONCURRENCY, async (mine, index) => {
    const socket = await BenchSocket.open(options.wsUrl, "operator", {
      localAddress: localAddress(index),
    });
    const welcome = socket.next((frame) => frame.type === "welcome", "welcome");
    socket.send({ type: "hello", cursors: mine.map((chatId) => ({ chatId, lastSeq: 0 })) });
    await welcome;
    return socket;
  });
  const customers = await connectCustomers(
    options.wsUrl,
    ids.map((chatId) => ({ chatId, customerToken: "relay-customer" })),
    "welcome",
  );
  const chats = ids.map((id, index) => ({
    id,
    customer: customers[index] as BenchSocket,
    operator: operators[index % options.operators] as BenchSocket,
  }));
  return { operators, chats, close: () => closeAll([...customers, ...operators]) };
}
