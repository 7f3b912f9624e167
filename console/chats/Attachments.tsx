/** Files in a chat, on the operator's side: sending them (button, paste, drop) with progress and
 *  refusals, and showing them in every transcript (a thumbnail for an image, a link otherwise). */
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AttachmentLimits, isImage } from "../../shared/attachment-rules";
import type { Attachment, AttachmentLimitsResponse } from "../../shared/attachments";
import type { Message } from "../../shared/chat";
import { requestJson } from "../../shared/http";
import { changedUploads, type FileUpload, fileSize, sendFiles } from "../../shared/upload";

export function useAttachmentLimits(): AttachmentLimits | undefined {
  return useQuery({
    queryKey: ["attachment-limits"],
    queryFn: () => requestJson<AttachmentLimitsResponse>("/api/attachment-limits"),
    staleTime: 5 * 60_000,
  }).data?.limits;
}

/** The refusals said in the operator's words; any other is "could not be sent". */
const refusalKeys = ["type_not_allowed", "too_big", "content_mismatch"] as const;

/** The files being sent in one chat, and those refused (until dismissed). */
export function useUploads(chatId: string) {
  const limits = useAttachmentLimits();
  const [uploads, setUploads] = useState<FileUpload[]>([]);
  const change = (clientId: string, next: Partial<FileUpload> | null) =>
    setUploads((all) => changedUploads(all, clientId, next));
  const send = (files: FileList) =>
    sendFiles(Array.from(files), {
      chatId,
      limits: limits ?? null,
      add: (upload) => setUploads((all) => [...all, upload]),
      change,
    });
  return { uploads, limits, send, dismiss: (clientId: string) => change(clientId, null) };
}

/** A refusal in the operator's words. */
function useRefusalText(limits: AttachmentLimits | undefined) {
  const { t, i18n } = useTranslation();
  return ({ reason, limit }: NonNullable<FileUpload["refusal"]>) => {
    if (reason === "chat_closed") return t("errors.chat_closed");
    const key = refusalKeys.find((known) => known === reason) ?? "other";
    return t(`attachments.refused_${key}`, {
      size: fileSize(limit ?? limits?.maxBytes ?? 0, i18n.language),
      types: limits?.extensions.join(", ") ?? "",
    });
  };
}

/** The paper-clip button: any number of files, checked against the limits before sending. */
export function AttachButton({ onFiles }: { onFiles(files: FileList): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="attach-button" onClick={() => input.current?.click()}>
        {t("attachments.attach")}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t("attachments.attach")}
        data-testid="attach-input"
        onChange={(event) => {
          if (event.target.files?.length) onFiles(event.target.files);
          event.target.value = "";
        }}
      />
    </>
  );
}

export function UploadList({
  uploads,
  limits,
  onDismiss,
}: {
  uploads: FileUpload[];
  limits: AttachmentLimits | undefined;
  onDismiss(clientId: string): void;
}) {
  const { t } = useTranslation();
  const refusalText = useRefusalText(limits);
  if (uploads.length === 0) return null;
  return (
    <ul className="uploads">
      {uploads.map((upload) => (
        <li key={upload.clientId} className={upload.refusal ? "upload refused" : "upload"}>
          <span className="upload-name">{upload.name}</span>
          {upload.refusal === null ? (
            <progress max={1} value={upload.progress} aria-label={upload.name} />
          ) : (
            <>
              <span role="alert">{refusalText(upload.refusal)}</span>
              <button
                type="button"
                className="link"
                aria-label={t("chat.dismiss")}
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

/** A message's content: its text, or the file it carries. */
export function MessageContent({ message, text }: { message: Message; text: string }) {
  return message.attachment ? (
    <AttachmentView attachment={message.attachment} />
  ) : (
    <p className="body">{text}</p>
  );
}

/** An image as a thumbnail that opens the full image; another file as a link that downloads it. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { i18n } = useTranslation();
  const url = `/api/attachments/${attachment.id}`;
  const caption = (
    <span className="attachment-caption">
      <span className="attachment-name">{attachment.name}</span>{" "}
      <span className="attachment-size">{fileSize(attachment.size, i18n.language)}</span>
    </span>
  );
  return isImage(attachment) ? (
    <a className="attachment image" href={url} target="_blank" rel="noopener">
      <img src={url} alt={attachment.name} loading="lazy" />
      {caption}
    </a>
  ) : (
    <a className="attachment file" href={url} download={attachment.name}>
      {caption}
    </a>
  );
}
