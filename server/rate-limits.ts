/**
 * The REST API's rate limits, each with a name that its 429 answer and the OpenAPI document give
 * (openapi.ts documents a route's limit from its `config.rateLimit`). With REDIS_URL set they
 * count in Redis, so every process counts against one budget (N processes would otherwise allow
 * N times as much); without it, in this process's memory.
 */
import type { RateLimitOptions, RateLimitPluginOptions } from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

export interface NamedRateLimit extends RateLimitOptions {
  name: string;
  /** What is counted, in words: "10 a minute for one email from one address". */
  rule: string;
}

function perMinute(
  name: string,
  rule: string,
  options: Pick<RateLimitOptions, "max" | "keyGenerator" | "hook">,
): NamedRateLimit {
  return {
    ...options,
    name,
    rule,
    timeWindow: "1 minute",
    errorResponseBuilder: (_request, context) =>
      new AppError(
        "rate_limited",
        429,
        `too many requests: the limit "${name}" allows ${rule}; try again in ${context.after}`,
      ),
  };
}

/** Guessing one account's password from one address; the email as the login compares it. */
export const loginAttempts = perMinute("login", "10 a minute for one email from one address", {
  max: 10,
  // The key needs the body.
  hook: "preHandler",
  keyGenerator: (request: FastifyRequest) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return `${request.ip}:${String(email).toLowerCase()}`;
  },
});

/** Guessing the current password of a session's operator when choosing a new one. */
export const passwordChanges = perMinute("password-change", "10 a minute from one address", {
  max: 10,
});

/** Chats one address may request (CHAT_REQUESTS_PER_MINUTE). */
export const chatRequests = (max: number) =>
  perMinute("chat-requests", `${max} a minute from one address`, { max });

/** Inquiries one address may send through the inquiry form (INQUIRIES_PER_MINUTE): spam. */
export const inquiries = (max: number) =>
  perMinute("inquiries", `${max} a minute from one address`, { max });

/** Where the limits count: the plugin's Redis store when there is a Redis. */
export async function rateLimitCounts(redisUrl: string | undefined): Promise<{
  options: Pick<RateLimitPluginOptions, "redis" | "nameSpace">;
  close(): Promise<void>;
}> {
  if (!redisUrl) return { options: {}, close: async () => {} };
  // Loaded only with a Redis (as the bus's): ioredis holds 24 MB resident once imported.
  const { Redis } = await import("ioredis");
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  return {
    options: { redis, nameSpace: "madoguchi:rate-limit:" },
    close: async () => {
      await redis.quit();
    },
  };
}
