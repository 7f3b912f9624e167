/**
 * One chat's live state for the customer, on top of the shared RealtimeClient (which resumes,
 * orders and resends). This hook adds what only the widget cares about: messages the server
 * refused, the chat's state and rating, the operator typing and reading, and the launcher's badge.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import type { ChatStateUpdate, Message } from "../../shared/chat";
import { isCustomerWritable } from "../../shared/domain";
import type { ErrorCode } from "../../shared/errors";
import {
  type ConnectionState,
  type PendingMessage,
  RealtimeClient,
  sameOriginSocketUrl,
} from "../../shared/realtime-client";
import { TypingSignal } from "../../shared/typing-signal";
import { isShown, noteIncomingMessage, onShown, tellPage } from "./embedding";

/** A message refused for good (a retryable refusal keeps it sending: the client sends it again). */
export type SendProblem = "sendFailed";

export interface ChatView {
  messages: readonly Message[];
  /** Sent but not yet acknowledged: shown as sending. */
  pending: PendingMessage[];
  /** Refused by the server: shown as not sent, so the customer can copy the text. */
  refused: PendingMessage[];
  connection: ConnectionState;
  /** Whether the connection was ever open: a later loss is a reconnect. */
  wasConnected: boolean;
  /** As the server last said; null until it has. */
  state: ChatStateUpdate | null;
  operatorTyping: boolean;
  /** The operator has read the chat up to this sequence number. */
  operatorReadSeq: number;
  /** While the chat is queued: its place in the queue, once the server said. */
  queuePosition: number | null;
  problem: SendProblem | null;
  send(body: string): void;
  /** The draft changed: typing while it has text, stopped once it is cleared. */
  typed(draft: string): void;
  end(): void;
  rate(score: number, comment: string): void;
}

export function useChat(
  chatId: string,
  customerToken: string,
  onLost: (code: ErrorCode) => void,
): ChatView {
  const [client] = useState(
    () => new RealtimeClient({ url: sameOriginSocketUrl(location), customerToken }),
  );
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  const [refused, setRefused] = useState<PendingMessage[]>([]);
  const [state, setState] = useState<ChatStateUpdate | null>(null);
  const [operatorTyping, setOperatorTyping] = useState(false);
  const [operatorReadSeq, setOperatorReadSeq] = useState(0);
  const [queuePosition, setQueuePosition] = useState<number | null>(null);
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const wasConnected = useRef(false);
  const readSeq = useRef(0);
  // The client forgets a refused message before it reports the error; we keep its text.
  const sent = useRef(new Map<string, PendingMessage>());
  // The page hears of messages that came after the first replay: what it had not seen yet.
  const toldSeq = useRef<number | null>(null);
  const lastState = useRef<ChatStateUpdate | null>(null);

  useEffect(() => {
    /** Tells the operator what the customer has seen, when the widget is in view. */
    const markRead = () => {
      const seq = client.messages(chatId).at(-1)?.seq ?? 0;
      if (seq <= readSeq.current || !isShown()) return;
      if (client.act({ type: "read.set", chatId, seq })) readSeq.current = seq;
    };
    const stops = [
      client.on("message", (message) => {
        if (toldSeq.current !== null && message.seq > toldSeq.current) {
          toldSeq.current = message.seq;
          const { chatId, seq, author, createdAt } = message;
          tellPage("message", { chatId, seq, author, createdAt });
        }
        if (message.author !== "customer") noteIncomingMessage();
        if (message.author === "operator") setOperatorTyping(false);
        markRead();
        refresh(0);
      }),
      client.on("masked", () => refresh(0)),
      client.on("connection", (connection) => {
        if (connection === "open") wasConnected.current = true;
        refresh(0);
      }),
      client.on("synced", () => {
        toldSeq.current ??= client.messages(chatId).at(-1)?.seq ?? 0;
      }),
      client.on("state", (update) => {
        // Ended while the customer looked on, not found ended on a resume.
        const before = lastState.current?.state;
        if (before && isCustomerWritable(before) && !isCustomerWritable(update.state)) {
          tellPage("ended", { chatId, state: update.state });
        }
        lastState.current = update;
        setState(update);
      }),
      client.on("queue", (queue) => setQueuePosition(queue.position)),
      client.on("typing", (typing) => {
        if (typing.role === "operator") setOperatorTyping(typing.typing);
      }),
      client.on("read", (read) => {
        if (read.role === "operator") setOperatorReadSeq((seen) => Math.max(seen, read.seq));
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
        if (error.code !== "chat_closed") {
          setProblem("sendFailed");
        }
      }),
      onShown(markRead),
    ];
    client.follow(chatId);
    client.start();
    return () => {
      for (const stop of stops) stop();
      client.stop();
    };
  }, [client, chatId, onLost]);

  const typing = useMemo(
    () =>
      new TypingSignal((isTyping) => client.act({ type: "typing.set", chatId, typing: isTyping })),
    [client, chatId],
  );

  return {
    messages: client.messages(chatId),
    pending: client.pending(chatId),
    refused,
    connection: client.state,
    wasConnected: wasConnected.current,
    state,
    operatorTyping,
    operatorReadSeq,
    queuePosition,
    problem,
    send(body) {
      typing.stop();
      const message = client.send(chatId, body);
      sent.current.set(message.clientId, message);
      setProblem(null);
      refresh(0);
    },
    typed: (draft) => typing.draftChanged(draft),
    end() {
      typing.stop();
      client.act({ type: "chat.end", chatId });
    },
    rate(score, comment) {
      const trimmed = comment.trim();
      client.act({ type: "rating.set", chatId, score, comment: trimmed || undefined });
    },
  };
}
