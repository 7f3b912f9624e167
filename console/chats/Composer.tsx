import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_MESSAGE_LENGTH } from "../../shared/limits";
import { TypingSignal } from "../../shared/typing-signal";
import { useWorkspaceContext } from "./workspace";

export function Composer({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspaceContext();
  const [body, setBody] = useState("");
  const typing = useTypingSignal(chatId);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (body.trim() === "") return;
    workspace.send(chatId, body);
    typing.stop();
    setBody("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter breaks the line; Enter that confirms an IME conversion does neither.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="composer-body">
        {t("chat.message")}
      </label>
      <textarea
        id="composer-body"
        rows={3}
        maxLength={MAX_MESSAGE_LENGTH}
        placeholder={t("chat.placeholder")}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          typing.draftChanged(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={body.trim() === ""}>
        {t("chat.send")}
      </button>
    </form>
  );
}

/** Tells the customer the operator is typing, and that they stopped when the chat is left. */
function useTypingSignal(chatId: string): TypingSignal {
  const { act } = useWorkspaceContext();
  // Through a ref: the workspace's functions are new each render, the signal lives with the chat.
  const actRef = useRef(act);
  actRef.current = act;
  const [signal] = useState(
    () => new TypingSignal((typing) => actRef.current({ type: "typing.set", chatId, typing })),
  );
  useEffect(() => () => signal.stop(), [signal]);
  return signal;
}
