import type { ErrorBody, ErrorCode, FieldReason } from "../shared/errors.js";

/** What a refused field adds to an error: why, and the limit it passed. */
export interface FieldFault {
  field: string;
  reason: FieldReason;
  limit?: number;
}

/** The one error type a client ever sees: a stable code, an HTTP status and a message naming the
 *  field when one is at fault. The HTTP error handler and the WebSocket dispatcher present it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly fault?: Omit<FieldFault, "field">,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    const { code, message, field, fault } = this;
    return { error: { code, message, field, reason: fault?.reason, limit: fault?.limit } };
  }
}

/** A field the domain refuses (a sibling's name, a fourth level): 400, named and explained. */
export const invalidField = (fault: FieldFault, message: string) =>
  new AppError("validation_failed", 400, `${fault.field}: ${message}`, fault.field, {
    reason: fault.reason,
    limit: fault.limit,
  });

/** A save based on an older version of a record: 409, with the record as it is now, so that the
 *  client shows what changed and lets its user choose (docs/decisions.md, "edit conflicts"). */
export class EditConflict extends AppError {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super("edit_conflict", 409, message);
  }

  override toBody(): ErrorBody {
    const body = super.toBody();
    return { error: { ...body.error, current: this.current } };
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
      throw new AppError(
        error.code,
        error.status,
        error.message,
        `${source}.${error.field}`,
        error.fault,
      );
    }
    throw error;
  }
}
