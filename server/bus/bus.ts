import type { ChatSummary, Message } from "../../shared/chat.js";

/** What travels between processes. Every event is already committed to the database. */
export type BusEvent = { type: "message"; message: Message } | { type: "chat"; chat: ChatSummary };

export type BusListener = (event: BusEvent) => void;

/**
 * Live events between the processes of one installation: in-process for the embedded default,
 * Redis pub/sub when several processes share a database. Delivery is at most once: a client that
 * misses an event reads it back from the database when it resumes.
 */
export interface Bus {
  publish(topic: string, event: BusEvent): Promise<void>;
  /** Resolves once the subscription is live, so that events published after it are delivered. */
  subscribe(topic: string, listener: BusListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const topics = {
  chat: (chatId: string) => `chat:${chatId}`,
  operator: (operatorId: string) => `operator:${operatorId}`,
};
