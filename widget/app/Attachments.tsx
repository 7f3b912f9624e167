/** Files in the customer's chat: sending them (button, paste, drop) with progress and refusals,
 *  and showing those of the transcript. The customer's token authenticates both ways, so a file
 *  is fetched with it and shown from memory (an <img src> could not send it). */
import { useEffect, useRef, useState } from "preact/hooks";
import { type AttachmentLimits, attachmentRefusal, isImage } from "../../shared/attachment-rules";
import type { Attachment } from "../../shared/attachments";
import { ApiError, requestJson } from "../../shared/http";
import {
  changedUploads,
  type FileUpload,
  fileSize,
  sendFile,
  sendFiles,
} from "../../shared/upload";
import { language } from "./embedding";
import { type Catalog, format } from "./i18n";
import { useText } from "./text";

let limitsRequest: Promise<AttachmentLimits | null> | null = null;
/** Asked once per page: the same for every service. */
export const attachmentLimits = () => {
  limitsRequest ??= requestJson<{ limits: AttachmentLimits }>("/api/attachment-limits").then(
    (response) => response.limits,
    () => null,
  );
  return limitsRequest;
};

export function useUploads(chatId: string, customerToken: string) {
  const [uploads, setUploads] = useState<FileUpload[]>([]);
  const change = (clientId: string, next: Partial<FileUpload> | null) =>
    setUploads((all) => changedUploads(all, clientId, next));
  async function send(files: FileList) {
    // Taken now: the list empties when the file input is cleared for the next choice.
    const chosen = Array.from(files);
    sendFiles(chosen, {
      chatId,
      customerToken,
      limits: await attachmentLimits(),
      add: (upload) => setUploads((all) => [...all, upload]),
      change,
    });
  }
  return { uploads, send, dismiss: (clientId: string) => change(clientId, null) };
}

/** A refusal in the customer's words. */
export function refusalText(
  text: Catalog,
  { reason, limit }: NonNullable<FileUpload["refusal"]>,
  limits: AttachmentLimits | null,
): string {
  const values = {
    size: fileSize(limit ?? limits?.maxBytes ?? 0, language),
    types: limits?.extensions.join(", ") ?? "",
  };
  if (reason === "type_not_allowed") return format(text.fileTypeRefused, values);
  if (reason === "too_big") return format(text.fileTooBig, values);
  if (reason === "content_mismatch") return text.fileMismatch;
  if (reason === "chat_closed") return text.chatEnded;
  return text.fileNotSent;
}

export function Uploads({
  uploads,
  onDismiss,
}: {
  uploads: FileUpload[];
  onDismiss(clientId: string): void;
}) {
  const text = useText();
  const [limits, setLimits] = useState<AttachmentLimits | null>(null);
  useEffect(() => {
    attachmentLimits().then(setLimits);
  }, []);
  if (uploads.length === 0) return null;
  return (
    <ul class="uploads">
      {uploads.map((upload) => (
        <li key={upload.clientId} class={upload.refusal ? "upload refused" : "upload"}>
          <span class="upload-name">{upload.name}</span>
          {upload.refusal === null ? (
            <progress max={1} value={upload.progress} aria-label={upload.name} />
          ) : (
            <>
              <span role="alert">{refusalText(text, upload.refusal, limits)}</span>
              <button
                type="button"
                class="link"
                aria-label={text.dismiss}
                onClick={() => onDismiss(upload.clientId)}
              >
                ×
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function AttachButton({ onFiles }: { onFiles(files: FileList): void }) {
  const text = useText();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="attach"
        aria-label={text.attach}
        title={text.attach}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
          />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files?.length) onFiles(files);
          event.currentTarget.value = "";
        }}
      />
    </>
  );
}

/** The file's bytes in memory, fetched with the customer's token; null until they arrive. */
function useFileUrl(id: string, customerToken: string, wanted: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let made: string | null = null;
    fetch(`/api/attachments/${id}`, { headers: { authorization: `Bearer ${customerToken}` } })
      .then((response) => (response.ok ? response.blob() : null))
      .then((blob) => {
        if (!blob) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch(() => {});
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [id, customerToken, wanted]);
  return url;
}

/** An image as a thumbnail opening the full image; another file as a link that downloads it. */
export function AttachmentView({
  attachment,
  customerToken,
}: {
  attachment: Attachment;
  customerToken: string;
}) {
  const image = isImage(attachment);
  // A file is fetched when asked for; an image at once, to be seen.
  const [asked, setAsked] = useState(false);
  const url = useFileUrl(attachment.id, customerToken, image || asked);
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (asked && url && !image) link.current?.click();
  }, [asked, url, image]);
  const caption = (
    <span class="attachment-caption">
      <span class="attachment-name">{attachment.name}</span>{" "}
      <span class="attachment-size">{fileSize(attachment.size, language)}</span>
    </span>
  );
  if (image) {
    return (
      <a class="attachment image" href={url ?? undefined} target="_blank" rel="noopener">
        {url ? <img src={url} alt={attachment.name} /> : <span class="thumb-placeholder" />}
        {caption}
      </a>
    );
  }
  return (
    <a
      ref={link}
      class="attachment file"
      href={url ?? "#"}
      download={attachment.name}
      onClick={(event) => {
        if (url) return;
        event.preventDefault();
        setAsked(true);
      }}
    >
      {caption}
    </a>
  );
}

/**
 * The inquiry form's optional file: checked against the limits when chosen, sent when the form
 * is (before its fields, which then name it), and kept sent across a refusal of the fields.
 */
export function useFormFile(serviceKey: string) {
  const text = useText();
  const [file, setFile] = useState<File | null>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const [fault, setFault] = useState<string | null>(null);
  const [limits, setLimits] = useState<AttachmentLimits | null>(null);
  useEffect(() => {
    attachmentLimits().then(setLimits);
  }, []);

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setSentId(null);
    const early = chosen && limits && attachmentRefusal(chosen, limits);
    setFault(
      early ? refusalText(text, { reason: early === "empty" ? "too_small" : early }, limits) : null,
    );
  };

  /** The sent file's id for the form, null for none; throws when it was refused (said beside). */
  async function send(): Promise<string | null> {
    if (!file) return null;
    if (fault) throw new Error(fault);
    if (sentId) return sentId;
    const query = new URLSearchParams({ name: file.name });
    try {
      const sent = (await sendFile(
        `/api/widget/services/${encodeURIComponent(serviceKey)}/inquiry-attachments?${query}`,
        { file, onProgress: () => {} },
      )) as { attachment: Attachment };
      setSentId(sent.attachment.id);
      return sent.attachment.id;
    } catch (error) {
      const refused = error instanceof ApiError ? error : null;
      const words = refusalText(
        text,
        { reason: refused?.reason ?? refused?.code ?? "other", limit: refused?.limit },
        limits,
      );
      setFault(words);
      throw error;
    }
  }

  const hint = limits
    ? format(text.inquiryAttachmentHint, {
        size: fileSize(limits.maxBytes, language),
        types: limits.extensions.join(", "),
      })
    : "";
  const field = (
    <div class="field">
      <label for="inquiry-attachment">{text.inquiryAttachment}</label>
      {hint && (
        <span class="hint" id="inquiry-attachment-hint">
          {hint}
        </span>
      )}
      <input
        type="file"
        id="inquiry-attachment"
        accept={limits?.extensions.map((extension) => `.${extension}`).join(",")}
        aria-invalid={fault !== null}
        aria-describedby={fault ? "inquiry-attachment-error" : "inquiry-attachment-hint"}
        onChange={(event) => choose(event.currentTarget.files?.[0] ?? null)}
      />
      {fault && (
        <span class="field-error" id="inquiry-attachment-error">
          {fault}
        </span>
      )}
    </div>
  );
  return { field, send, refused: fault !== null };
}
