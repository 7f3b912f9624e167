/** Builds the state a test needs through the domain functions and the public API. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { OperatorStatus, StartChatResponse } from "../../shared/api.js";
import { createOperator, setOperatorStatus } from "../operators/operators.js";
import { addMember, createService, type ServiceRow } from "../services/services.js";
import type { TestServer } from "./harness.js";
import { TestSocket } from "./socket.js";
import { operators } from "./tables.js";

export async function buildService(
  server: TestServer,
  input: Partial<
    Pick<
      ServiceRow,
      | "chatEnabled"
      | "name"
      | "defaultLanguage"
      | "reassignmentGraceMs"
      | "customerIdleMs"
      | "maxQueueLength"
    >
  > & {
    greeting?: string;
  } = {},
): Promise<ServiceRow> {
  const { greeting, ...values } = input;
  return createService(server.app.context.db, {
    name: "Test service",
    chatEnabled: true,
    defaultLanguage: "en",
    ...values,
    texts: [
      {
        language: input.defaultLanguage ?? "en",
        greeting: greeting ?? "Hello, how can we help?",
      },
    ],
  });
}

export interface TestOperator {
  id: string;
  email: string;
  password: string;
  cookie: string;
  /** The console's live connection, for an operator built online (unless told not to connect). */
  socket: TestSocket | null;
}

/** An operator who is a member of the given services, logged in over HTTP; an online one also
 *  has a live console connection, as assignment needs. */
export async function buildOperator(
  server: TestServer,
  options: {
    services?: ServiceRow[];
    status?: OperatorStatus;
    name?: string;
    connect?: boolean;
    chatLimit?: number;
    role?: "administrator" | "operator";
  } = {},
): Promise<TestOperator> {
  const { db } = server.app.context;
  const email = `operator-${randomUUID()}@example.com`;
  const password = "operator-password";
  const operator = await createOperator(db, {
    email,
    name: options.name ?? "Olivia Operator",
    password,
    role: options.role ?? "operator",
  });
  if (options.chatLimit) {
    await db
      .update(operators)
      .set({ chatLimit: options.chatLimit })
      .where(eq(operators.id, operator.id));
  }
  for (const service of options.services ?? []) {
    await addMember(db, { operatorId: operator.id, serviceId: service.id });
  }
  if (options.status) await setOperatorStatus(db, operator.id, options.status);
  const built: TestOperator = {
    id: operator.id,
    email,
    password,
    cookie: await login(server, email, password),
    socket: null,
  };
  if (options.connect ?? options.status === "online") {
    built.socket = await operatorSocket(server, built);
  }
  return built;
}

export async function login(server: TestServer, email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error("login set no cookie");
  return cookie.split(";")[0] as string;
}

export async function requestChat(
  server: TestServer,
  service: ServiceRow,
  extra: { customerToken?: string; language?: string } = {},
): Promise<StartChatResponse> {
  const response = await post(server, "/api/widget/chats", {
    serviceKey: service.key,
    consent: true,
    channel: "widget",
    pageUrl: "https://shop.example.com/help",
    ...extra,
  });
  if (response.status !== 201) throw new Error(`chat request failed: ${await response.text()}`);
  return (await response.json()) as StartChatResponse;
}

export function post(server: TestServer, path: string, body: unknown, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A customer's socket, past hello, following the chat. */
export async function customerSocket(server: TestServer, chat: StartChatResponse, lastSeq = 0) {
  const socket = await TestSocket.open(server.wsUrl);
  socket.send({
    type: "hello",
    customerToken: chat.customerToken,
    cursors: [{ chatId: chat.chat.id, lastSeq }],
  });
  await socket.next("welcome");
  return socket;
}

/** An operator's socket, past hello, following their chats. */
export async function operatorSocket(
  server: TestServer,
  operator: TestOperator,
  cursors: { chatId: string; lastSeq: number }[] = [],
) {
  const socket = await TestSocket.open(server.wsUrl, { cookie: operator.cookie });
  socket.send({ type: "hello", cursors });
  await socket.next("welcome");
  return socket;
}

/** One REST call as a client makes it: the status and the parsed body (null when empty). */
export async function call(
  server: TestServer,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: { cookie?: string; body?: unknown } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answers
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The administrator the first start created, logged in. */
export const adminCookie = (server: TestServer) =>
  login(server, "admin@example.com", "admin-password");
