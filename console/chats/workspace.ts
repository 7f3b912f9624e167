/**
 * The operator's live workspace: their open chats with transcripts, typing and read state, kept
 * by one RealtimeClient for the whole console. The server sends every chat assigned to this
 * operator (on connect and when it is assigned), so the console never asks for them.
 */
import { createContext, useContext, useEffect, useReducer, useRef, useState } from "react";
import type { ChatSummary, Message } from "../../shared/chat";
import { isLive } from "../../shared/domain";
import type { ErrorFrame } from "../../shared/protocol";
import {
  type ConnectionState,
  type PendingMessage,
  RealtimeClient,
  sameOriginSocketUrl,
} from "../../shared/realtime-client";

export interface Workspace {
  connection: ConnectionState;
  /** Unopened chats first (oldest first), then the rest by request time. */
  chats: ChatSummary[];
  chat(chatId: string): ChatSummary | undefined;
  messages(chatId: string): readonly Message[];
  pending(chatId: string): PendingMessage[];
  customerTyping(chatId: string): boolean;
  unread(chatId: string): number;
  /** The server's last refusal, to show until the next action. */
  problem: ErrorFrame | null;
  dismissProblem(): void;
  send(chatId: string, body: string): void;
  act: RealtimeClient["act"];
  markRead(chatId: string): void;
  /** The client's events as they come (notifications listen to what is news). */
  on: RealtimeClient["on"];
  /** The chat as a save answered it: the list and the form show it before the socket says so. */
  update(chat: ChatSummary): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspaceContext(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspaceContext outside <WorkspaceContext>");
  return workspace;
}

const isUnopened = (chat: ChatSummary) => chat.firstOpenedAt === null;

export function useWorkspace(operatorId: string, onSessionLost: () => void): Workspace {
  const [client] = useState(() => new RealtimeClient({ url: sameOriginSocketUrl(location) }));
  const [chats] = useState(() => new Map<string, ChatSummary>());
  const [typing] = useState(() => new Set<string>());
  const [problem, setProblem] = useState<ErrorFrame | null>(null);
  // One function for the workspace's life, so listeners subscribed with it stay subscribed.
  const [on] = useState(() => client.on.bind(client) as RealtimeClient["on"]);
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  // Read through a ref, so a new callback each render does not reconnect the socket.
  const sessionLost = useRef(onSessionLost);
  sessionLost.current = onSessionLost;

  useEffect(() => {
    const stops = [
      client.on("chat", (chat) => {
        // Closed, or now someone else's (transfer, reassignment): it leaves this workspace.
        if (!isLive(chat.state) || chat.operatorId !== operatorId) chats.delete(chat.id);
        else chats.set(chat.id, chat);
        refresh();
      }),
      client.on("state", (update) => {
        const chat = chats.get(update.chatId);
        if (!chat) return;
        if (!isLive(update.state) || update.operatorId !== operatorId) {
          chats.delete(update.chatId);
        } else {
          const { state, operatorId, rating, ratingComment } = update;
          chats.set(update.chatId, { ...chat, state, operatorId, rating, ratingComment });
        }
        refresh();
      }),
      client.on("welcome", ({ chatIds }) => {
        // After a reconnect: chats closed or moved meanwhile are not live any more.
        const live = new Set(chatIds);
        for (const chatId of chats.keys()) if (!live.has(chatId)) chats.delete(chatId);
        refresh();
      }),
      client.on("message", refresh),
      client.on("masked", refresh),
      client.on("connection", refresh),
      client.on("typing", ({ chatId, role, typing: isTyping }) => {
        if (role !== "customer") return;
        if (isTyping) typing.add(chatId);
        else typing.delete(chatId);
        refresh();
      }),
      client.on("read", ({ chatId, role, seq }) => {
        const chat = chats.get(chatId);
        if (!chat) return;
        const key = role === "operator" ? "operatorReadSeq" : "customerReadSeq";
        chats.set(chatId, { ...chat, [key]: Math.max(chat[key], seq) });
        refresh();
      }),
      client.on("error", (error) => {
        if (error.code === "unauthenticated") sessionLost.current();
        else setProblem(error);
      }),
    ];
    client.start();
    return () => {
      for (const stop of stops) stop();
      client.stop();
    };
  }, [client, chats, typing, operatorId]);

  const lastSeq = (chatId: string) => client.messages(chatId).at(-1)?.seq ?? 0;

  return {
    connection: client.state,
    chats: [...chats.values()].sort(
      (a, b) =>
        Number(isUnopened(b)) - Number(isUnopened(a)) || a.requestedAt.localeCompare(b.requestedAt),
    ),
    chat: (chatId) => chats.get(chatId),
    messages: (chatId) => client.messages(chatId),
    pending: (chatId) => client.pending(chatId),
    customerTyping: (chatId) => typing.has(chatId),
    unread(chatId) {
      const readSeq = chats.get(chatId)?.operatorReadSeq ?? 0;
      return client
        .messages(chatId)
        .filter((message) => message.seq > readSeq && message.author === "customer").length;
    },
    problem,
    dismissProblem: () => setProblem(null),
    send(chatId, body) {
      setProblem(null);
      client.send(chatId, body);
      refresh();
    },
    act(frame) {
      setProblem(null);
      return client.act(frame);
    },
    on,
    update(chat) {
      if (!chats.has(chat.id)) return;
      if (isLive(chat.state) && chat.operatorId === operatorId) chats.set(chat.id, chat);
      else chats.delete(chat.id);
      refresh();
    },
    markRead(chatId) {
      const chat = chats.get(chatId);
      const seq = lastSeq(chatId);
      if (!chat || seq <= chat.operatorReadSeq) return;
      if (client.act({ type: "read.set", chatId, seq })) {
        chats.set(chatId, { ...chat, operatorReadSeq: seq });
        refresh();
      }
    },
  };
}
