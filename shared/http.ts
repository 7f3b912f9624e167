/** The browser clients' REST calls: same origin, JSON in and out, and every failure turned into
 *  an ApiError with the server's stable code (or "network_error" when it was never reached). */
import type { ErrorBody, ErrorCode, FieldReason } from "./errors.js";

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network_error",
    readonly field?: string,
    /** Why the field was refused, and the limit it passed: the client says it in its language. */
    readonly reason?: FieldReason,
    readonly limit?: number,
    /** For edit_conflict: the record as it is now. */
    readonly current?: unknown,
  ) {
    super(code);
  }
}

export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError("network_error");
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const error = body?.error;
  throw new ApiError(
    error?.code ?? "internal_error",
    error?.field,
    error?.reason,
    error?.limit,
    error?.current,
  );
}

/** A JSON request body for requestJson. */
export function jsonBody(method: "POST" | "PUT" | "PATCH", body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
