import type { TFunction } from "i18next";
import { useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ChatSummary, Message } from "../../shared/chat";
import { useFormats } from "../i18n/formats";
import { MessageContent } from "./Attachments";
import { customerLabel } from "./customer-label";
import { useWorkspaceContext } from "./workspace";

/** The conversation in sequence order, then what is still on its way to the server. */
export function Transcript({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const { time } = useFormats();
  const workspace = useWorkspaceContext();
  const messages = workspace.messages(chat.id);
  const pending = workspace.pending(chat.id);
  const log = useRef<HTMLOListElement>(null);
  const lastOwnSeq = messages.findLast((message) => message.author === "operator")?.seq ?? 0;

  // Follow the conversation as it grows, and as the pane settles into its size after a reload,
  // unless the operator scrolled up to read: only their own scrolling lets go of the bottom.
  const followsBottom = useRef(true);
  const count = messages.length + pending.length;
  useLayoutEffect(() => {
    const element = log.current;
    if (element && count > 0 && followsBottom.current) element.scrollTop = element.scrollHeight;
  }, [count]);
  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    const resized = new ResizeObserver(() => {
      if (followsBottom.current) element.scrollTop = element.scrollHeight;
    });
    resized.observe(element);
    return () => resized.disconnect();
  }, []);
  const scrolled = () => {
    const element = log.current;
    if (!element) return;
    followsBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 120;
  };

  return (
    <ol
      className="transcript"
      role="log"
      aria-label={t("chat.conversation")}
      ref={log}
      onScroll={scrolled}
    >
      {messages.map((message) => (
        <li key={message.id} className={`message from-${message.author}`}>
          {message.author !== "system" && (
            <span className="author">{authorOf(message, chat, t)}</span>
          )}
          <MessageContent message={message} text={textOf(message, t)} />
          <span className="meta">
            <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
            {message.seq === lastOwnSeq && chat.customerReadSeq >= lastOwnSeq && (
              <> · {t("chat.seen")}</>
            )}
          </span>
        </li>
      ))}
      {pending.map((message) => (
        <li key={message.clientId} className="message from-operator pending">
          <span className="author">{t("chat.you")}</span>
          <p className="body">{message.body}</p>
          <span className="meta">{t("chat.sending")}</span>
        </li>
      ))}
    </ol>
  );
}

type T = TFunction;

export function authorOf(message: Message, chat: ChatSummary, t: T): string {
  if (message.author === "customer") return customerLabel(chat, t);
  return message.authorName ?? t("chat.you");
}

/** System notes are said in the operator's language; the greeting and a transfer's note (which
 *  names people) keep the stored text. */
export function textOf(message: Message, t: T): string {
  switch (message.event) {
    case "customer_ended":
    case "customer_idle":
    case "operator_ended":
    case "rating_requested":
    case "queue_timeout":
      return t(`events.${message.event}`);
    default:
      return message.body;
  }
}
