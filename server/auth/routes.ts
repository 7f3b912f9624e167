import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loginBody, operatorResponse } from "../../shared/api.js";
import { changePasswordBody } from "../../shared/operators.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { findOperatorByEmail, presentOperator } from "../operators/operators.js";
import { unknownAccountHash, verifyPassword } from "../operators/passwords.js";
import { loginAttempts, passwordChanges } from "../rate-limits.js";
import { changeOwnPassword } from "./accounts.js";
import { requireSession } from "./authenticate.js";
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
      schema: {
        tags: ["auth"],
        summary: "Log in",
        description:
          "Checks an operator's email and password and sets the session cookie `madoguchi_session` (HttpOnly, SameSite=Strict, for 14 days) that authenticates the console's requests and its WebSocket. A wrong password, an unknown email and a deactivated operator get the same answer.",
        access: "anyone",
        body: loginBody,
        response: { 200: operatorResponse },
        errors: { invalid_credentials: "the email or the password is wrong" },
      },
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

  app.post(
    "/api/auth/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Log out",
        description:
          "Ends the session of the cookie and clears the cookie; the operator's consoles on other devices stay logged in. Answers 204 with or without a session.",
        access: "anyone",
        response: { 204: z.undefined().describe("Logged out: the cookie is cleared") },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: {
        tags: ["auth"],
        summary: "Who is logged in",
        description:
          "The operator of the session cookie, also before they have chosen their own password (then `passwordChangeRequired`). The console asks on load, to show the login when the answer is 401.",
        access: "operator",
        response: { 200: operatorResponse },
      },
    },
    async (request) => ({ operator: presentOperator(await requireSession(db, request)) }),
  );

  app.post(
    "/api/auth/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Choose a new password",
        description:
          "The logged-in operator replaces their password, giving the current one. Required after logging in with a password an administrator was shown (a new account, a reset): until then every other operator route answers 403 password_change_required and the WebSocket treats them as logged out. Their sessions stay.",
        access: "operator",
        body: changePasswordBody,
        response: { 200: operatorResponse },
        errors: {
          validation_failed:
            "`body.currentPassword` is not their current password (reason invalid), or the new one is too short",
        },
      },
      config: { rateLimit: passwordChanges },
    },
    async (request) => {
      const operator = await requireSession(db, request);
      return { operator: presentOperator(await changeOwnPassword(db, operator, request.body)) };
    },
  );
};
