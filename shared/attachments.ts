/**
 * Attachments: a file a customer or an operator adds to a chat (or a customer to the inquiry
 * form). The limits come from the installation's settings; the clients check them before an
 * upload (the name's extension, the size) and the server always does, with the bytes.
 */
import { z } from "zod";
import { MAX_ATTACHMENT_BYTES_CEILING, neverAllowed } from "./attachment-rules.js";

/** The file as every reader of a message sees it: enough to show a thumbnail or a link. */
export const attachment = z.object({
  id: z.string(),
  /** The file's name as its sender's device named it. */
  name: z.string(),
  /** Decided from the bytes, never from the sender's claim: image/png, image/jpeg, image/gif,
   *  image/webp and application/pdf are recognised; anything else is application/octet-stream. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof attachment>;

export const attachmentLimits = z.object({
  /** The largest file accepted, in bytes. */
  maxBytes: z.number().int().positive().max(MAX_ATTACHMENT_BYTES_CEILING),
  /** The file name extensions accepted, lower case without the dot. */
  extensions: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9]{1,10}$/)
        .refine((extension) => !neverAllowed.includes(extension), "this type is never accepted"),
    )
    .min(1)
    .max(100),
});

export const attachmentParams = z.object({ attachmentId: z.uuid() });
export const attachmentLimitsResponse = z.object({ limits: attachmentLimits });
/** An attachment's bytes, sent with the content type read from them. */
export const attachmentFile = z.string();
export type AttachmentLimitsResponse = z.infer<typeof attachmentLimitsResponse>;
export const attachmentResponse = z.object({ attachment });
