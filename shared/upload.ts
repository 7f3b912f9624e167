/**
 * Sending a file in a chat from a browser (POST /api/chats/:chatId/attachments), with the upload's
 * progress: fetch cannot report it, XMLHttpRequest can. Free of zod, for the widget too.
 */
import { type AttachmentLimits, attachmentRefusal } from "./attachment-rules.js";
import type { Message } from "./chat.js";
import type { ErrorBody } from "./errors.js";
import { ApiError } from "./http.js";

/** What this module uses of the browser's XMLHttpRequest: shared/ is compiled for the server too,
 *  which has no DOM types. */
interface Request {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  responseType: string;
  upload: { onprogress: ((event: ProgressEvent) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  status: number;
  response: unknown;
  send(body: Blob): void;
}
interface ProgressEvent {
  lengthComputable: boolean;
  loaded: number;
  total: number;
}
declare const XMLHttpRequest: new () => Request;

export interface Upload {
  chatId: string;
  file: Blob & { name: string };
  clientId: string;
  /** The customer's token; the console sends its session cookie instead. */
  customerToken?: string;
  /** From 0 to 1 as the bytes leave. */
  onProgress(fraction: number): void;
}

export async function uploadAttachment(upload: Upload): Promise<Message> {
  const query = new URLSearchParams({ name: upload.file.name, clientId: upload.clientId });
  const sent = await sendFile(`/api/chats/${upload.chatId}/attachments?${query}`, upload);
  return (sent as { message: Message }).message;
}

/** POSTs the file as the request's body; the answer's JSON, or an ApiError. */
export function sendFile(
  url: string,
  upload: Pick<Upload, "file" | "customerToken" | "onProgress">,
): Promise<unknown> {
  const request = new XMLHttpRequest();
  request.open("POST", url);
  request.setRequestHeader("content-type", "application/octet-stream");
  if (upload.customerToken) {
    request.setRequestHeader("authorization", `Bearer ${upload.customerToken}`);
  }
  request.responseType = "json";
  request.upload.onprogress = (event) => {
    if (event.lengthComputable) upload.onProgress(event.loaded / event.total);
  };
  return new Promise((resolve, reject) => {
    request.onload = () => {
      if (request.status === 201) return resolve(request.response);
      const error = (request.response as ErrorBody | null)?.error;
      reject(
        new ApiError(error?.code ?? "internal_error", error?.field, error?.reason, error?.limit),
      );
    };
    request.onerror = () => reject(new ApiError("network_error"));
    request.send(upload.file);
  });
}

/** A file size as people read it, in their language ("820 byte", "1.2 MB"). */
export function fileSize(bytes: number, language: string): string {
  const [value, unit] =
    bytes < 1024
      ? [bytes, "byte"]
      : bytes < 1024 * 1024
        ? [bytes / 1024, "kilobyte"]
        : [bytes / (1024 * 1024), "megabyte"];
  return new Intl.NumberFormat(language, {
    style: "unit",
    unit,
    // "820 B" rather than "820 byte"; "1.2 MB" either way.
    unitDisplay: unit === "byte" ? "narrow" : "short",
    maximumFractionDigits: unit === "byte" ? 0 : 1,
  }).format(value);
}

/** A file being sent, or refused: the clients say the refusal in their reader's words. */
export interface FileUpload {
  clientId: string;
  name: string;
  /** From 0 to 1 as the bytes leave. */
  progress: number;
  /** Why it was refused (a field reason, or an error code), and the limit it passed; null while
   *  it is sent. */
  refusal: { reason: string; limit?: number } | null;
}

/**
 * Sends each file, first checked against the limits where the browser can tell (its name, its
 * size), and reports each one's progress and refusal through `change` (null: it was sent; the
 * message itself then arrives over the socket, as every message does).
 */
export function sendFiles(
  files: ReadonlyArray<Blob & { name: string; size: number }>,
  options: {
    chatId: string;
    customerToken?: string;
    limits: AttachmentLimits | null;
    add(upload: FileUpload): void;
    change(clientId: string, change: Partial<FileUpload> | null): void;
  },
): void {
  for (const file of files) {
    const clientId = crypto.randomUUID();
    const early = options.limits && attachmentRefusal(file, options.limits);
    const refusal = early ? { reason: early === "empty" ? "too_small" : early } : null;
    options.add({ clientId, name: file.name, progress: 0, refusal });
    if (refusal) continue;
    uploadAttachment({
      chatId: options.chatId,
      file,
      clientId,
      customerToken: options.customerToken,
      onProgress: (progress) => options.change(clientId, { progress }),
    })
      .then(() => options.change(clientId, null))
      .catch((error: unknown) => {
        const refused = error instanceof ApiError ? error : new ApiError("internal_error");
        options.change(clientId, {
          refusal: { reason: refused.reason ?? refused.code, limit: refused.limit },
        });
      });
  }
}

/** The list of uploads after one's change (null: it is gone). */
export function changedUploads(
  all: FileUpload[],
  clientId: string,
  next: Partial<FileUpload> | null,
): FileUpload[] {
  return next === null
    ? all.filter((upload) => upload.clientId !== clientId)
    : all.map((upload) => (upload.clientId === clientId ? { ...upload, ...next } : upload));
}
