import type { ErrorCode } from "../../shared/errors";
import { Composer } from "./Composer";
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
  return (
    <>
      {chat.connection !== "open" && (
        <p class="connection" role="status">
          {chat.wasConnected ? text.reconnecting : text.connecting}
        </p>
      )}
      <Transcript messages={chat.messages} pending={chat.pending} refused={chat.refused} />
      {chat.problem && (
        <p class="error" role="alert">
          {text[chat.problem]}
        </p>
      )}
      {chat.ended ? (
        <div class="ended">
          <p role="status">{text.chatEnded}</p>
          <button type="button" class="primary" onClick={onNewChat}>
            {text.newChat}
          </button>
        </div>
      ) : (
        <Composer onSend={chat.send} />
      )}
    </>
  );
}
