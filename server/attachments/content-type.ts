/** An attachment's content type from its first bytes (a file's signature), never from what the
 *  sender's browser claims: only the kinds a browser may show are recognised; anything else is
 *  served as application/octet-stream, to be downloaded. SVG and HTML are never recognised. */
const signatures: { type: string; bytes: (number | null)[] }[] = [
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38] },
  // "RIFF", four bytes of length, "WEBP"
  {
    type: "image/webp",
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
  },
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** How many of a file's first bytes contentTypeOf needs. */
export const SIGNATURE_BYTES = 12;

export function contentTypeOf(head: Uint8Array): string {
  const found = signatures.find(({ bytes }) =>
    bytes.every((byte, index) => byte === null || head[index] === byte),
  );
  return found?.type ?? "application/octet-stream";
}
