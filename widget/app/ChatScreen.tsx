import { useEffect, useState } from "preact/hooks";
import { isCustomerWritable } from "../../shared/domain";
import type { ErrorCode } from "../../shared/errors";
import { Uploads, useUploads } from "./Attachments";
import { fetchService } from "./api";
import { Composer } from "./Composer";
import { language, serviceKey } from "./embedding";
import { format } from "./i18n";
import { RatingForm } from "./Rating";
import { Transcript } from "./Transcript";
import { useText } from "./text";
import { useChat } from "./useChat";

interface ChatScreenProps {
  chatId: string;
  customerToken: string;
  /** The saved chat or token is no longer valid. */
  onLost: (code: ErrorCode) => void;
  onNewChat: () => void;
  /** The queue's wait ran out: the customer may leave a question instead. */
  onInquiry: () => void;
}

export function ChatScreen({
  chatId,
  customerToken,
  onLost,
  onNewChat,
  onInquiry,
}: ChatScreenProps) {
  const text = useText();
  const chat = useChat(chatId, customerToken, onLost);
  const files = useUploads(chatId, customerToken);
  const [rating, setRating] = useState<"closed" | "open" | "dismissed">("closed");
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const state = chat.state?.state;
  const closed = state === "closed";
  // The customer may write until either side ends the chat (and before its state arrives).
  const writable = state === undefined || isCustomerWritable(state);
  const score = chat.state?.rating ?? null;
  // The operator's Rate opens the form once; the customer can also open it any time.
  const asked = chat.messages.some((message) => message.event === "rating_requested");
  const showForm =
    !closed && (rating === "open" || (asked && score === null && rating === "closed"));
  const operatorsAvailable = useOperatorsAvailable(state === "waiting");
  const queued = state === "queued";
  const last = chat.messages.at(-1)?.event;
  const endedText = !closed
    ? text.youEnded
    : last === "queue_timeout"
      ? text.queueTimedOut
      : last === "customer_ended" && !chat.state?.operatorId
        ? text.leftQueue
        : text.chatEnded;

  return (
    <>
      {chat.connection !== "open" && (
        <p class="connection" role="status">
          {chat.wasConnected ? text.reconnecting : text.connecting}
        </p>
      )}
      {queued && (
        <p class="waiting" role="status" aria-atomic="true">
          {chat.queuePosition === null
            ? text.queued
            : format(text.queuePosition, { position: chat.queuePosition })}
        </p>
      )}
      {state === "waiting" && (
        <p class="waiting" role="status">
          {operatorsAvailable ? text.waiting : text.nobodyAvailable}
        </p>
      )}
      <Transcript
        messages={chat.messages}
        pending={chat.pending}
        refused={chat.refused}
        operatorReadSeq={chat.operatorReadSeq}
        customerToken={customerToken}
      />
      {chat.operatorTyping && !closed && (
        <p class="typing" role="status">
          {text.operatorTyping}
        </p>
      )}
      {chat.problem && (
        <p class="error" role="alert">
          {text[chat.problem]}
        </p>
      )}
      {showForm ? (
        <RatingForm
          current={score}
          onRate={(value, comment) => {
            chat.rate(value, comment);
            setRating("dismissed");
          }}
          onCancel={() => setRating("dismissed")}
        />
      ) : (
        score !== null && (
          <p class="rated" role="status">
            {format(text.rated, { score })}{" "}
            {!closed && (
              <button type="button" class="link" onClick={() => setRating("open")}>
                {text.changeRating}
              </button>
            )}
          </p>
        )
      )}
      {!writable ? (
        <div class="ended">
          <p role="status">{endedText}</p>
          {closed && last === "queue_timeout" && (
            <button type="button" class="primary" onClick={onInquiry}>
              {text.leaveRequest}
            </button>
          )}
          <button
            type="button"
            class={closed && last === "queue_timeout" ? "secondary" : "primary"}
            onClick={onNewChat}
          >
            {text.newChat}
          </button>
        </div>
      ) : (
        <>
          <div class="chat-actions">
            {score === null && !showForm && !queued && (
              <button type="button" class="link" onClick={() => setRating("open")}>
                {text.rate}
              </button>
            )}
            {confirmingEnd ? (
              <span class="confirm">
                {queued ? text.confirmLeaveQueue : text.confirmEnd}{" "}
                <button type="button" class="danger" onClick={chat.end}>
                  {queued ? text.leaveQueue : text.endChat}
                </button>
                <button type="button" onClick={() => setConfirmingEnd(false)}>
                  {text.cancel}
                </button>
              </span>
            ) : (
              <button type="button" class="link" onClick={() => setConfirmingEnd(true)}>
                {queued ? text.leaveQueue : text.endChat}
              </button>
            )}
          </div>
          <Uploads uploads={files.uploads} onDismiss={files.dismiss} />
          <Composer onSend={chat.send} onType={chat.typed} onFiles={files.send} />
        </>
      )}
    </>
  );
}

/** How often a waiting customer's widget asks whether anyone could answer. */
const AVAILABILITY_RECHECK_MS = 10_000;

/** While the chat waits for its operator: whether an operator could take a chat now, asked every
 *  few seconds, so that a customer left waiting while everyone went on break or away is told so
 *  (and told again when someone is back) instead of waiting in silence. */
function useOperatorsAvailable(waiting: boolean): boolean {
  const [available, setAvailable] = useState(true);
  useEffect(() => {
    setAvailable(true);
    if (!waiting) return;
    let stopped = false;
    const timer = setInterval(() => {
      fetchService(serviceKey, language)
        .then((answer) => {
          if (!stopped) setAvailable(answer.operatorsAvailable);
        })
        // A failed check changes nothing: the connection banner speaks for the network.
        .catch(() => {});
    }, AVAILABILITY_RECHECK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [waiting]);
  return available;
}
