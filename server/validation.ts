import type { z } from "zod";
import { AppError } from "./errors.js";

/** A zod failure as the client sees it: the first issue, naming its field. */
export function validationError(error: z.ZodError, prefix: string): AppError {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? [])].join(".");
  return new AppError("validation_failed", 400, `${field}: ${issue?.message ?? "invalid"}`, field);
}
