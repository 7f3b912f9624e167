import { useLayoutEffect, useRef } from "preact/hooks";
import type { Attachment } from "../../shared/attachments";
import type { Message, MessageAuthor } from "../../shared/chat";
import { formatsFor } from "../../shared/formats";
import type { PendingMessage } from "../../shared/realtime-client";
import { AttachmentView } from "./Attachments";
import { language } from "./embedding";
import type { Catalog } from "./i18n";
import { useText } from "./text";

interface Entry {
  key: string;
  author: MessageAuthor;
  authorName: string | null;
  body: string;
  attachment?: Attachment;
  createdAt?: string;
  status?: "sending" | "notSent";
}

interface TranscriptProps {
  messages: readonly Message[];
  pending: PendingMessage[];
  refused: PendingMessage[];
  operatorReadSeq: number;
  /** Fetches the chat's files. */
  customerToken: string;
}

function unsent(message: PendingMessage, status: Entry["status"]): Entry {
  const { clientId, body } = message;
  return { key: clientId, author: "customer", authorName: null, body, status };
}

// In the widget's language, as every other word on it.
const { time } = formatsFor(language);

/** System notes in the customer's language; the greeting and the satisfaction message are the
 *  service's own words and keep the stored text. */
function systemText(message: Message, text: Catalog): string {
  switch (message.event) {
    case "customer_ended":
      return text.eventCustomerEnded;
    case "customer_idle":
      return text.eventCustomerIdle;
    case "operator_ended":
      return text.eventOperatorEnded;
    case "transferred":
      return text.eventTransferred;
    case "queue_timeout":
      return text.eventQueueTimeout;
    default:
      return message.body;
  }
}

export function Transcript({
  messages,
  pending,
  refused,
  operatorReadSeq,
  customerToken,
}: TranscriptProps) {
  const text = useText();
  const log = useRef<HTMLDivElement>(null);
  // Follow new messages unless the customer scrolled up to read earlier ones.
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    if (log.current && atBottom.current) log.current.scrollTop = log.current.scrollHeight;
  });

  // "Seen" goes under the customer's last message once the operator has read that far.
  const lastOwn = messages.findLast((message) => message.author === "customer");
  const seenKey = lastOwn && lastOwn.seq <= operatorReadSeq ? lastOwn.id : null;
  const entries: Entry[] = [
    ...messages.map((message) => ({
      ...message,
      key: message.id,
      body: message.author === "system" ? systemText(message, text) : message.body,
    })),
    ...pending.map((message) => unsent(message, "sending")),
    ...refused.map((message) => unsent(message, "notSent")),
  ];

  return (
    <div
      ref={log}
      class="transcript"
      role="log"
      aria-live="polite"
      aria-label={text.conversation}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      onScroll={(event) => {
        const { scrollHeight, scrollTop, clientHeight } = event.currentTarget;
        atBottom.current = scrollHeight - scrollTop - clientHeight < 24;
      }}
    >
      <ol>
        {entries.map((entry) => (
          <li key={entry.key} class={`entry ${entry.author} ${entry.status ?? ""}`}>
            {entry.author !== "system" && (
              <span class="author">
                {entry.author === "customer" ? text.you : (entry.authorName ?? text.operator)}
              </span>
            )}
            {entry.attachment ? (
              <AttachmentView attachment={entry.attachment} customerToken={customerToken} />
            ) : (
              <p class="body">{entry.body}</p>
            )}
            <span class="meta">
              {entry.status ? text[entry.status] : entry.createdAt && time(entry.createdAt)}
              {entry.key === seenKey && ` · ${text.seen}`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
