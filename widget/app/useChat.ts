/**
 * One chat's live state for the customer, on top of the shared RealtimeClient (which resumes,
 * orders and resends). This hook adds what only the widget cares about: messages the server
 * refused, the chat having ended, and the launcher's unread badge.
 */
import { useEffect, useReducer, useRef, useState } from "preact/hooks";
import type { Message } from "../../shared/chat";
import type { ErrorCode } from "../../shared/errors";
import {
  type ConnectionState,
  type PendingMessage,
  RealtimeClient,
} from "../../shared/realtime-client";
import { noteIncomingMessage } from "./embedding";

export type SendProblem = "rateLimited" | "sendFailed";

export interface ChatView {
  messages: readonly Message[];
  /** Sent but not yet acknowledged: shown as sending. */
  pending: PendingMessage[];
  /** Refused by the server: shown as not sent, so the customer can copy the text. */
  refused: PendingMessage[];
  connection: ConnectionState;
  /** Whether the connection was ever open: a later loss is a reconnect. */
  wasConnected: boolean;
  ended: boolean;
  problem: SendProblem | null;
  send(body: string): void;
}

function socketUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}

export function useChat(
  chatId: string,
  customerToken: string,
  onLost: (code: ErrorCode) => void,
): ChatView {
  const [client] = useState(() => new RealtimeClient({ url: socketUrl(), customerToken }));
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  const [refused, setRefused] = useState<PendingMessage[]>([]);
  const [ended, setEnded] = useState(false);
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const wasConnected = useRef(false);
  // The client forgets a refused message before it reports the error; we keep its text.
  const sent = useRef(new Map<string, PendingMessage>());

  useEffect(() => {
    const stops = [
      client.on("message", (message) => {
        if (message.author !== "customer") noteIncomingMessage();
        refresh(0);
      }),
      client.on("connection", (state) => {
        if (state === "open") wasConnected.current = true;
        refresh(0);
      }),
      client.on("error", (error) => {
        const message = error.clientId ? sent.current.get(error.clientId) : undefined;
        if (!message) {
          // The saved chat or token is no longer valid: the app starts over.
          if (error.code === "chat_not_found" || error.code === "unauthenticated") {
            onLost(error.code);
          }
          return;
        }
        setRefused((list) => [...list, message]);
        if (error.code === "chat_closed") setEnded(true);
        else setProblem(error.code === "rate_limited" ? "rateLimited" : "sendFailed");
      }),
    ];
    client.follow(chatId);
    client.start();
    return () => {
      for (const stop of stops) stop();
      client.stop();
    };
  }, [client, chatId, onLost]);

  const messages = client.messages(chatId);
  const stored = new Set(messages.map((message) => message.clientId));
  return {
    messages,
    // A message can arrive before its acknowledgement; show it once.
    pending: client.pending(chatId).filter((message) => !stored.has(message.clientId)),
    refused,
    connection: client.state,
    wasConnected: wasConnected.current,
    ended,
    problem,
    send(body) {
      const message = client.send(chatId, body);
      sent.current.set(message.clientId, message);
      setProblem(null);
      refresh(0);
    },
  };
}
