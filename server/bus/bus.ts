import type { ChatStateUpdate, ChatSummary, Message } from "../../shared/chat.js";

import type {
  QueuePositionFrame,
  ReadNoticeFrame,
  TicketNoticeFrame,
  TypingNoticeFrame,
} from "../../shared/protocol.js";

/** What travels between processes. Messages and states are already committed to the database;
 *  typing is not stored at all. */
export type BusEvent =
  | { type: "message"; message: Message }
  /** A message already sent was masked: its new body replaces the old where it is held. */
  | { type: "message.masked"; message: Message }
  | { type: "chat"; chat: ChatSummary }
  | { type: "state"; update: ChatStateUpdate }
  | TypingNoticeFrame
  | ReadNoticeFrame
  /** A queued chat's customer learns their place (not stored: it is read afresh on follow). */
  | QueuePositionFrame
  /** On an operator's topic: a ticket they may see was made or changed. */
  | TicketNoticeFrame
  /** The operator was deactivated: every console of theirs closes at once. */
  | { type: "signed_out"; operatorId: string }
  /** An administrator changed the service: every process reads its settings afresh. */
  | { type: "service_changed"; serviceId: string };

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
  /** Everything about one chat that both of its sides see. */
  chat: (chatId: string) => `chat:${chatId}`,
  /** Chats assigned to one operator, or changed, as list entries. */
  operator: (operatorId: string) => `operator:${operatorId}`,
  /** Changes to services' settings, for every process's cache. */
  services: "services",
};
