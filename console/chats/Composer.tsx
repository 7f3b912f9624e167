import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_MESSAGE_LENGTH } from "../../shared/limits";
import { useWorkspaceContext } from "./workspace";

/** How long after the last keystroke the customer stops seeing "typing". */
const TYPING_PAUSE_MS = 4000;

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
          // A cleared draft is no longer typing: the customer is told at once.
          if (event.target.value.trim() === "") typing.stop();
          else typing.start();
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={body.trim() === ""}>
        {t("chat.send")}
      </button>
    </form>
  );
}

/** Tells the customer the operator is typing: once when typing starts, once when it stops. */
function useTypingSignal(chatId: string) {
  const { act } = useWorkspaceContext();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stop = () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    act({ type: "typing.set", chatId, typing: false });
  };
  const stopRef = useRef(stop);
  stopRef.current = stop;
  useEffect(() => () => stopRef.current(), []);

  return {
    start() {
      if (timer.current) clearTimeout(timer.current);
      else act({ type: "typing.set", chatId, typing: true });
      timer.current = setTimeout(() => stopRef.current(), TYPING_PAUSE_MS);
    },
    stop,
  };
}
