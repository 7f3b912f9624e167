import type { FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { FieldReason } from "../shared/errors.js";
import { AppError } from "./errors.js";

/** The parts of a zod issue (or of fastify-type-provider-zod's copy of one) that say why. */
interface IssueLike {
  code: string;
  message: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}

/** Why a field failed, in the few words clients translate; `missing`: nothing was given. */
function reasonOf(issue: IssueLike, missing: boolean): { reason: FieldReason; limit?: number } {
  const limit = Number(issue.minimum ?? issue.maximum);
  const bounded = Number.isFinite(limit) ? { limit } : {};
  const text = issue.origin === "string" || issue.origin === "array";
  if (missing) return { reason: "required" };
  switch (issue.code) {
    case "too_small":
      // A blank string refused by min(1) is a field left empty.
      return text && limit === 1
        ? { reason: "required" }
        : { reason: text ? "too_short" : "too_small", ...bounded };
    case "too_big":
      return { reason: text ? "too_long" : "too_big", ...bounded };
    case "invalid_format":
      return { reason: "invalid_format" };
    case "invalid_value":
      return { reason: "invalid_choice" };
    default:
      return { reason: "invalid" };
  }
}

/** A zod failure as the client sees it: the first issue, naming its field and why. */
export function validationError(error: z.ZodError, prefix: string, input?: unknown): AppError {
  return refusedField(prefix, error.issues[0]?.path ?? [], error.issues[0], input);
}

/** The refusal of one field: where it is (`prefix` and the path inside), what zod said, and why
 *  in the words clients translate; `input` tells a missing field from a wrong one. */
export function refusedField(
  prefix: string,
  path: readonly PropertyKey[],
  issue: IssueLike | undefined,
  input: unknown,
): AppError {
  const field = [prefix, ...path.map(String)].join(".");
  const fault = issue ? reasonOf(issue, valueAt(input, path) === undefined) : undefined;
  return new AppError(
    "validation_failed",
    400,
    `${field}: ${issue?.message ?? "invalid"}`,
    field,
    fault,
  );
}

/** The value at a path inside a parsed JSON input; undefined when any step is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

/** A compiler factory Fastify never calls: every route uses zod's compilers (`validateWithZod`). */
function unused(): never {
  throw new Error("the server's routes validate and serialise with zod");
}

/** Fastify's `schemaController` option for an instance whose routes all use zod. Without
 *  factories of its own Fastify loads ajv and fast-json-stringify for its default compilers,
 *  60-70 ms of every start, though zod's are the only ones used. */
export const zodSchemaController = {
  compilersFactory: { buildValidator: unused, buildSerializer: unused },
};

/** Gives every route of the instance zod's validation and serialisation. */
export function validateWithZod(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}
