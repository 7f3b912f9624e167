import type { Bus, BusEvent, BusListener } from "./bus.js";

/** The bus of a single process. */
export function createMemoryBus(): Bus {
  const listeners = new Map<string, Set<BusListener>>();
  return {
    async publish(topic: string, event: BusEvent) {
      for (const listener of listeners.get(topic) ?? []) listener(event);
    },
    async subscribe(topic: string, listener: BusListener) {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(listener);
      return async () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(topic);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
