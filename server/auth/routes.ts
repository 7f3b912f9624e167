import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { loginBody, operatorResponse } from "../../shared/api.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { findOperatorByEmail, presentOperator } from "../operators/operators.js";
import { unknownAccountHash, verifyPassword } from "../operators/passwords.js";
import { loginAttempts } from "../rate-limits.js";
import { requireOperator } from "./authenticate.js";
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS } from "./sessions.js";

export const authRoutes: FastifyPluginAsyncZod<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const { db, config } = context;
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: config.publicUrl?.startsWith("https:") ?? false,
  } as const;

  app.post(
    "/api/auth/login",
    {
      schema: { tags: ["auth"], body: loginBody, response: { 200: operatorResponse } },
      config: { rateLimit: loginAttempts },
    },
    async (request, reply) => {
      const operator = await findOperatorByEmail(db, request.body.email);
      const valid = await verifyPassword(
        operator?.passwordHash ?? (await unknownAccountHash),
        request.body.password,
      );
      if (!operator || !valid) {
        throw new AppError("invalid_credentials", 401, "the email or the password is wrong");
      }
      const token = await createSession(db, operator.id);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_DAYS * 86_400 });
      return { operator: presentOperator(operator) };
    },
  );

  app.post("/api/auth/logout", { schema: { tags: ["auth"] } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send();
  });

  app.get(
    "/api/auth/me",
    { schema: { tags: ["auth"], response: { 200: operatorResponse } } },
    async (request) => ({ operator: presentOperator(await requireOperator(db, request)) }),
  );
};
