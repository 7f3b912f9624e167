import type { Bus } from "./bus.js";
import { createMemoryBus } from "./memory.js";

export function openBus(redisUrl: string | undefined): Promise<Bus> {
  // ioredis is loaded only with a Redis: it holds 24 MB resident once imported.
  if (!redisUrl) return Promise.resolve(createMemoryBus());
  return import("./redis.js").then(({ createRedisBus }) => createRedisBus(redisUrl));
}
