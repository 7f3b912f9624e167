import type { Bus } from "./bus.js";
import { createMemoryBus } from "./memory.js";
import { createRedisBus } from "./redis.js";

export function openBus(redisUrl: string | undefined): Promise<Bus> {
  return redisUrl ? createRedisBus(redisUrl) : Promise.resolve(createMemoryBus());
}
