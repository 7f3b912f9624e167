/** The edge of the socket: raw data in becomes a validated client frame, a refusal out becomes
 *  an error frame. Pure, so that the connection only moves frames. */
import { MAX_FRAME_BYTES } from "../../shared/limits.js";
import { type ClientFrame, clientFrame, type ErrorFrame } from "../../shared/protocol.js";
import { AppError } from "../errors.js";
import { validationError } from "../validation.js";

export function readJson(data: Buffer, isBinary: boolean): unknown {
  if (isBinary || data.length > MAX_FRAME_BYTES) {
    throw new AppError("validation_failed", 400, "frames are JSON text");
  }
  try {
    return JSON.parse(data.toString("utf8"));
  } catch {
    throw new AppError("invalid_json", 400, "the frame is not valid JSON");
  }
}

export function validateFrame(json: unknown): ClientFrame {
  const parsed = clientFrame.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error, "frame");
  return parsed.data;
}

/** What names a frame in its refusal: message.send's clientId, a chat action's requestId, the
 *  chat a chat.follow asked for. */
export type FrameRefs = Pick<ErrorFrame, "clientId" | "requestId" | "chatId">;

/** The refs of whatever JSON the client sent, valid or not: a client with several frames in
 *  flight learns which one was refused, even when the refusal is that the frame is malformed. */
export function refsOf(json: unknown): FrameRefs {
  if (typeof json !== "object" || json === null) return {};
  const { type, clientId, requestId, chatId } = json as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    clientId: type === "message.send" ? text(clientId) : undefined,
    requestId: text(requestId),
    chatId: type === "chat.follow" ? text(chatId) : undefined,
  };
}

/** What the client is told of a refused frame; `refs` name the frame. A failure that is not an
 *  AppError says nothing of its cause. */
export function errorFrame(error: unknown, refs: FrameRefs = {}): ErrorFrame {
  if (error instanceof AppError) {
    return { type: "error", code: error.code, message: error.message, field: error.field, ...refs };
  }
  return {
    type: "error",
    code: "internal_error",
    message: "the server failed; try again",
    ...refs,
  };
}
