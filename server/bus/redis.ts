import { Redis } from "ioredis";
import type { Bus, BusEvent, BusListener } from "./bus.js";

const PREFIX = "madoguchi:";

/** Redis pub/sub: one connection publishes, one subscribes to the channels this process's
 *  sockets need; listeners share a channel subscription. */
export async function createRedisBus(url: string): Promise<Bus> {
  // Under load every message is a PUBLISH: those of one turn of the event loop go to Redis in one
  // write instead of one each.
  const publisher = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
  });
  const subscriber = new Redis(url, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const listeners = new Map<string, Set<BusListener>>();

  subscriber.on("message", (channel: string, payload: string) => {
    const set = listeners.get(channel.slice(PREFIX.length));
    if (!set) return;
    const event = JSON.parse(payload) as BusEvent;
    for (const listener of set) listener(event);
  });

  return {
    async publish(topic, event) {
      await publisher.publish(PREFIX + topic, JSON.stringify(event));
    },
    async subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
      }
      set.add(listener);
      // Redis answers SUBSCRIBE once the channel is live; ioredis resolves then, even when the
      // channel was already subscribed.
      await subscriber.subscribe(PREFIX + topic);
      return async () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(topic) === set) {
          listeners.delete(topic);
          await subscriber.unsubscribe(PREFIX + topic);
        }
      };
    },
    async close() {
      listeners.clear();
      await Promise.all([publisher.quit(), subscriber.quit()]);
    },
  };
}
