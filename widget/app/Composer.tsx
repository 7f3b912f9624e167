import { useId, useRef, useState } from "preact/hooks";
import { MAX_MESSAGE_LENGTH } from "../../shared/limits";
import { AttachButton } from "./Attachments";
import { useFocusWhenShown } from "./focus";
import { format } from "./i18n";
import { useText } from "./text";

interface ComposerProps {
  onSend: (body: string) => void;
  /** Each change of the draft: the operator sees the customer typing until it is sent or cleared. */
  onType: (draft: string) => void;
  /** Files chosen, pasted or dropped: sent as they are. */
  onFiles: (files: FileList) => void;
}

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, onType, onFiles }: ComposerProps) {
  const text = useText();
  const id = useId();
  const [draft, setDraft] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  useFocusWhenShown(textarea);
  const tooLong = draft.length > MAX_MESSAGE_LENGTH;
  const sendable = draft.trim().length > 0 && !tooLong;

  const send = () => {
    if (!sendable) return;
    onSend(draft);
    setDraft("");
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Enter also confirms a Japanese or Korean IME conversion; that Enter must not send.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    event.preventDefault();
    send();
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        if (!event.dataTransfer?.files.length) return;
        event.preventDefault();
        onFiles(event.dataTransfer.files);
      }}
    >
      <AttachButton onFiles={onFiles} />
      <label for={id} class="visually-hidden">
        {text.message}
      </label>
      <textarea
        id={id}
        ref={textarea}
        rows={2}
        value={draft}
        placeholder={text.messagePlaceholder}
        aria-invalid={tooLong}
        aria-describedby={tooLong ? `${id}-error` : undefined}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          onType(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onPaste={(event) => {
          // A pasted screenshot is sent as a file; pasted text stays text.
          if (!event.clipboardData?.files.length) return;
          event.preventDefault();
          onFiles(event.clipboardData.files);
        }}
      />
      <button type="submit" class="primary" disabled={!sendable}>
        {text.send}
      </button>
      {tooLong && (
        <p id={`${id}-error`} class="error" role="alert">
          {format(text.tooLong, { max: MAX_MESSAGE_LENGTH })}
        </p>
      )}
    </form>
  );
}
