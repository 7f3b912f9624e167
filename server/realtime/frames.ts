/** The edge of the socket: raw data in becomes a validated client frame, a refusal out becomes
 *  an error frame. Pure, so that the connection only moves frames. */
import { MAX_FRAME_BYTES } from "../../shared/limits.js";
import { type ClientFrame, clientFrame, type ErrorFrame } from "../../shared/protocol.js";
import { AppError } from "../errors.js";
import { validationError } from "../validation.js";

export function parseFrame(data: Buffer, isBinary: boolean): ClientFrame {
  if (isBinary || data.length > MAX_FRAME_BYTES) {
    throw new AppError("validation_failed", 400, "frames are JSON text");
  }
  let json: unknown;
  try {
    json = JSON.parse(data.toString("utf8"));
  } catch {
    throw new AppError("invalid_json", 400, "the frame is not valid JSON");
  }
  const parsed = clientFrame.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error, "frame");
  return parsed.data;
}

/** What the client is told of a refused frame; `refs` name the frame (message.send's clientId, a
 *  chat action's requestId). A failure that is not an AppError says nothing of its cause. */
export function errorFrame(
  error: unknown,
  refs: { clientId?: string; requestId?: string } = {},
): ErrorFrame {
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
