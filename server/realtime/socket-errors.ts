/**
 * What the server logs of a WebSocket that failed. A client that breaks the protocol (a frame
 * over the size limit, text that is not UTF-8, a malformed frame) or vanishes mid-write caused it
 * itself, and any anonymous client can do it at will: one info line with its address, no stack.
 * Anything else is the server's own failure, logged as an error with its stack.
 */
import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";

/** The close code `ws` sends for each protocol error it refuses a client for; others get 1002. */
const closeCodes: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
};
const PROTOCOL_ERROR = 1002;

/** Errors of the connection under the socket: the client went away. */
const goneCodes = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT"]);

export function onSocketError(
  error: Error & { code?: string },
  socket: WebSocket,
  request: FastifyRequest,
): void {
  const code = error.code ?? "";
  if (code.startsWith("WS_ERR_")) {
    // `ws` has already sent the close frame and ends the connection itself.
    const closeCode = closeCodes[code] ?? PROTOCOL_ERROR;
    request.log.info(
      { address: request.ip, closeCode, reason: error.message },
      "websocket closed: the client broke the protocol",
    );
    return;
  }
  if (goneCodes.has(code)) {
    request.log.debug(
      { address: request.ip, reason: code },
      "websocket lost: the client went away",
    );
  } else {
    request.log.error({ err: error, address: request.ip }, "websocket failed");
  }
  socket.terminate();
}
