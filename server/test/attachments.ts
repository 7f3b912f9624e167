/** Files and the two calls of attachments, as the widget and the console make them. */
import type { Message } from "../../shared/chat.js";
import type { TestServer } from "./harness.js";

/** The smallest PNG (1×1) and a small PDF: real files, recognised by their bytes. */
export const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
export const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

export type Sender = { token: string } | { cookie: string };
const auth = (sender: Sender): Record<string, string> =>
  "token" in sender ? { authorization: `Bearer ${sender.token}` } : { cookie: sender.cookie };

export async function upload(
  target: TestServer,
  chatId: string,
  sender: Sender,
  name: string,
  bytes: Buffer,
  clientId = `file-${Math.random()}`,
) {
  const query = new URLSearchParams({ name, clientId });
  const response = await fetch(`${target.url}/api/chats/${chatId}/attachments?${query}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...auth(sender) },
    body: bytes,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answers
  const body: any = await response.json();
  return { status: response.status, body, message: body.message as Message };
}

export const download = (target: TestServer, attachmentId: string, sender?: Sender) =>
  fetch(`${target.url}/api/attachments/${attachmentId}`, { headers: sender ? auth(sender) : {} });
