import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_MESSAGE_LENGTH } from "../../shared/limits";
import { TypingSignal } from "../../shared/typing-signal";
import { AttachButton, UploadList, useUploads } from "./Attachments";
import { CannedPicker } from "./CannedPicker";
import { shortcutBefore, useCannedTexts } from "./canned";
import { keepComposerDraft, loadComposerDraft } from "./composer-drafts";
import { useWorkspaceContext } from "./workspace";

/** The reply being written: kept per chat until sent; a canned response comes in by its shortcut
 *  (typed, then Space, Tab or Enter) or from the picker, as text to edit before sending. */
export function Composer({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspaceContext();
  const [body, setBodyState] = useState(() => loadComposerDraft(chatId));
  const typing = useTypingSignal(chatId);
  const canned = useCannedTexts(workspace.chat(chatId));
  const files = useUploads(chatId);
  const field = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once React has put a new text in the field.
  const caretAfter = useRef<number | null>(null);

  useEffect(() => {
    if (caretAfter.current === null || !field.current) return;
    field.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  });

  function setBody(next: string) {
    setBodyState(next);
    keepComposerDraft(chatId, next);
    typing.draftChanged(next);
  }

  /** Puts text in place of [start, end) of the body, and the caret after it. */
  function insert(text: string, start: number, end: number) {
    setBody(body.slice(0, start) + text + body.slice(end));
    caretAfter.current = start + text.length;
    field.current?.focus();
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (body.trim() === "") return;
    workspace.send(chatId, body);
    typing.stop();
    setBody("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return; // The IME's own Enter and Space.
    const { selectionStart, selectionEnd } = event.currentTarget;
    const expands = event.key === " " || event.key === "Tab" || event.key === "Enter";
    if (expands && !event.shiftKey && selectionStart === selectionEnd) {
      const typed = shortcutBefore(body, selectionStart, canned.texts);
      if (typed) {
        event.preventDefault();
        insert(typed.response.text, typed.start, selectionStart);
        return;
      }
    }
    // Enter sends; Shift+Enter breaks the line.
    if (event.key === "Enter" && !event.shiftKey) submit(event);
  }

  return (
    <form
      className="composer"
      onSubmit={submit}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        files.send(event.dataTransfer.files);
      }}
    >
      <UploadList uploads={files.uploads} limits={files.limits} onDismiss={files.dismiss} />
      <div className="composer-tools">
        <AttachButton onFiles={files.send} />
        <CannedPicker
          texts={canned.texts}
          status={canned.status}
          onChoose={(text) => {
            const element = field.current;
            insert(
              text,
              element?.selectionStart ?? body.length,
              element?.selectionEnd ?? body.length,
            );
          }}
        />
      </div>
      <label className="visually-hidden" htmlFor="composer-body">
        {t("chat.message")}
      </label>
      <textarea
        id="composer-body"
        ref={field}
        rows={3}
        maxLength={MAX_MESSAGE_LENGTH}
        placeholder={t("chat.placeholder")}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={(event) => {
          // A pasted screenshot is sent as a file; pasted text stays text.
          if (event.clipboardData.files.length === 0) return;
          event.preventDefault();
          files.send(event.clipboardData.files);
        }}
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
