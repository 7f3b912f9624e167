/**
 * What clients and the server both decide about an attachment before its bytes arrive: free of zod,
 * so that the widget can import it.
 */
export interface AttachmentLimits {
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** The file name extensions accepted, lower case without the dot. */
  extensions: string[];
}

export const MAX_ATTACHMENT_NAME_LENGTH = 200;
/** The most any installation may allow, whatever its settings say. */
export const MAX_ATTACHMENT_BYTES_CEILING = 100 * 1024 * 1024;

/** Kinds a browser would run as a page or a script if it ever showed them: never accepted. */
export const neverAllowed = ["svg", "svgz", "html", "htm", "xhtml", "xht", "xml", "js", "mjs"];

export const defaultAttachmentLimits: AttachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  extensions: ["png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "csv", "docx", "xlsx", "pptx"],
};

/** The extensions whose bytes must be what they say: an image or a PDF is shown or opened in
 *  the browser, so a file named .png must be a PNG. */
export const recognisedTypes: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
};

export const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** Why a file is refused before it is sent: the one check of the clients and the server. */
export type AttachmentRefusal = "type_not_allowed" | "too_big" | "empty";

export function attachmentRefusal(
  file: { name: string; size: number },
  limits: AttachmentLimits,
): AttachmentRefusal | null {
  if (!limits.extensions.includes(extensionOf(file.name))) return "type_not_allowed";
  if (file.size > limits.maxBytes) return "too_big";
  if (file.size === 0) return "empty";
  return null;
}

export const isImage = (item: { contentType: string }) => item.contentType.startsWith("image/");
