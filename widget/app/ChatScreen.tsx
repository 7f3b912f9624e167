import { useState } from "preact/hooks";
import type { ErrorCode } from "../../shared/errors";
import { Composer } from "./Composer";
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
}

export function ChatScreen({ chatId, customerToken, onLost, onNewChat }: ChatScreenProps) {
  const text = useText();
  const chat = useChat(chatId, customerToken, onLost);
  const [rating, setRating] = useState<"closed" | "open" | "dismissed">("closed");
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const state = chat.state?.state;
  const closed = state === "closed";
  const customerEnded = state === "ended_by_customer";
  const score = chat.state?.rating ?? null;
  // The operator's Rate opens the form once; the customer can also open it any time.
  const asked = chat.messages.some((message) => message.event === "rating_requested");
  const showForm =
    !closed && (rating === "open" || (asked && score === null && rating === "closed"));

  return (
    <>
      {chat.connection !== "open" && (
        <p class="connection" role="status">
          {chat.wasConnected ? text.reconnecting : text.connecting}
        </p>
      )}
      {state === "waiting" && (
        <p class="waiting" role="status">
          {text.waiting}
        </p>
      )}
      <Transcript
        messages={chat.messages}
        pending={chat.pending}
        refused={chat.refused}
        operatorReadSeq={chat.operatorReadSeq}
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
      {closed || customerEnded ? (
        <div class="ended">
          <p role="status">{closed ? text.chatEnded : text.youEnded}</p>
          <button type="button" class="primary" onClick={onNewChat}>
            {text.newChat}
          </button>
        </div>
      ) : (
        <>
          <div class="chat-actions">
            {score === null && !showForm && (
              <button type="button" class="link" onClick={() => setRating("open")}>
                {text.rate}
              </button>
            )}
            {confirmingEnd ? (
              <span class="confirm">
                {text.confirmEnd}{" "}
                <button type="button" class="danger" onClick={chat.end}>
                  {text.endChat}
                </button>
                <button type="button" onClick={() => setConfirmingEnd(false)}>
                  {text.cancel}
                </button>
              </span>
            ) : (
              <button type="button" class="link" onClick={() => setConfirmingEnd(true)}>
                {text.endChat}
              </button>
            )}
          </div>
          <Composer onSend={chat.send} onType={chat.typed} />
        </>
      )}
    </>
  );
}
