import type { ErrorBody, ErrorCode } from "../shared/errors.js";

/** The one error type a client ever sees: a stable code, an HTTP status and a message naming the
 *  field when one is at fault. The HTTP error handler and the WebSocket dispatcher present it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

export const notFound = (code: ErrorCode, what: string) =>
  new AppError(code, 404, `${what} does not exist or is not yours`);
export const notAllowed = (message = "you may not do this") =>
  new AppError("not_allowed", 403, message);
export const unauthenticated = () =>
  new AppError("unauthenticated", 401, "log in first: this needs an operator session");

/** Domain code names the field it refuses as the domain knows it ("operatorId"); the edge that
 *  called it says where that came from ("frame", "body"), and the client gets "frame.operatorId". */
export async function fieldsFrom<T>(source: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.field) {
      throw new AppError(error.code, error.status, error.message, `${source}.${error.field}`);
    }
    throw error;
  }
}
