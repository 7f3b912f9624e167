/**
 * The baseline: a minimal relay over the same WebSocket library (ws) that stores one row per
 * message through the same driver as the server (pg for PostgreSQL, PGlite for the embedded
 * database), acknowledges after the commit and forwards the message to the chat's other side.
 * It speaks the subset of Madoguchi's frames the load generator uses (hello with cursors, then
 * message.send → ack + message) and does nothing else: no accounts, no validation beyond
 * JSON.parse, no sequence numbers, no per-connection ordering.
 *
 * Environment: PORT; DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite).
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type WebSocket, WebSocketServer } from "ws";

const schema = `create table if not exists messages (
  id uuid primary key default gen_random_uuid(),
  chat_id uuid not null,
  client_id text not null,
  author text not null,
  body text not null,
  created_at timestamptz not null default now()
)`;
const insert =
  "insert into messages (chat_id, client_id, author, body) values ($1, $2, $3, $4) returning id, created_at";

type Query = (
  sql: string,
  params: unknown[],
) => Promise<{ rows: Array<{ id: string; created_at: Date }> }>;

async function openDatabase(): Promise<{ query: Query; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    // The server's pool size.
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
    await pool.query(schema);
    return { query: (sql, params) => pool.query(sql, params), close: () => pool.end() };
  }
  const folder = process.env.DATA_DIR;
  if (!folder) throw new Error("DATABASE_URL or DATA_DIR");
  const client = await PGlite.create(folder);
  await client.exec(schema);
  return {
    query: (sql, params) => client.query(sql, params) as ReturnType<Query>,
    close: () => client.close(),
  };
}

const database = await openDatabase();
const followers = new Map<string, { customer: Set<WebSocket>; operator: Set<WebSocket> }>();

interface Frame {
  type: string;
  customerToken?: string;
  cursors?: Array<{ chatId: string }>;
  chatId?: string;
  clientId?: string;
  body?: string;
}

const server = new WebSocketServer({ host: "127.0.0.1", port: Number(process.env.PORT) });
server.on("connection", (socket) => {
  let role: "customer" | "operator" | null = null;
  socket.on("message", (data) => {
    let frame: Frame;
    try {
      frame = JSON.parse(String(data)) as Frame;
    } catch {
      return;
    }
    if (frame.type === "hello") {
      role = frame.customerToken ? "customer" : "operator";
      for (const { chatId } of frame.cursors ?? []) {
        let chat = followers.get(chatId);
        if (!chat) {
          chat = { customer: new Set(), operator: new Set() };
          followers.set(chatId, chat);
        }
        chat[role].add(socket);
      }
      socket.send(JSON.stringify({ type: "welcome", role, id: "relay" }));
      return;
    }
    if (frame.type !== "message.send" || !role || !frame.chatId) return;
    const author = role;
    const { chatId, clientId, body } = frame;
    database.query(insert, [chatId, clientId, author, body]).then(
      ({ rows: [row] }) => {
        const message = {
          id: row?.id,
          chatId,
          clientId,
          author,
          body,
          createdAt: row?.created_at,
        };
        socket.send(JSON.stringify({ type: "ack", clientId, message }));
        const other = followers.get(chatId)?.[author === "customer" ? "operator" : "customer"];
        if (other) {
          const text = JSON.stringify({ type: "message", message });
          for (const follower of other) follower.send(text);
        }
      },
      (error: Error) =>
        socket.send(
          JSON.stringify({
            type: "error",
            code: "internal_error",
            message: error.message,
            clientId,
          }),
        ),
    );
  });
  socket.on("close", () => {
    for (const chat of followers.values()) {
      chat.customer.delete(socket);
      chat.operator.delete(socket);
    }
  });
});
server.on("listening", () => console.log(`relay ready on ${process.env.PORT}`));

process.once("SIGTERM", () => {
  server.close();
  for (const client of server.clients) client.terminate();
  void database.close().finally(() => process.exit(0));
});
