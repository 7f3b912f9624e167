import { describe, expect, it } from "vitest";
import type { Bus, BusEvent } from "./bus.js";
import { createMemoryBus } from "./memory.js";
import { createRedisBus } from "./redis.js";

const event = (body: string): BusEvent => ({
  type: "message",
  message: {
    id: body,
    chatId: "chat",
    seq: 1,
    clientId: null,
    author: "customer",
    operatorId: null,
    authorName: null,
    event: null,
    body,
    createdAt: new Date(0).toISOString(),
  },
});

function received(bus: Bus, topic: string) {
  const events: BusEvent[] = [];
  let wake = () => {};
  return {
    events,
    subscribe: () =>
      bus.subscribe(topic, (value) => {
        events.push(value);
        wake();
      }),
    /** Resolves once `count` events have arrived. */
    until: (count: number) =>
      new Promise<void>((resolve) => {
        wake = () => events.length >= count && resolve();
        wake();
      }),
  };
}

const redisUrl = process.env.TEST_REDIS_URL;
const buses: [string, () => Promise<[Bus, Bus]>][] = [
  [
    "memory",
    async () => {
      const bus = createMemoryBus();
      return [bus, bus];
    },
  ],
];
if (redisUrl) {
  buses.push([
    "redis",
    async () => [await createRedisBus(redisUrl), await createRedisBus(redisUrl)],
  ]);
}

describe.each(buses)("the %s bus", (_name, open) => {
  it("delivers an event published by one instance to the subscribers of another, in order", async () => {
    const [publisher, subscriber] = await open();
    const topic = `chat:${crypto.randomUUID()}`;
    const inbox = received(subscriber, topic);
    await inbox.subscribe();
    await publisher.publish(topic, event("one"));
    await publisher.publish(topic, event("two"));
    await inbox.until(2);
    expect(inbox.events.map((value) => value.type === "message" && value.message.body)).toEqual([
      "one",
      "two",
    ]);
    await publisher.close();
    if (subscriber !== publisher) await subscriber.close();
  });

  it("stops delivering to a listener that unsubscribed and keeps the others", async () => {
    const [publisher, subscriber] = await open();
    const topic = `chat:${crypto.randomUUID()}`;
    const leaving = received(subscriber, topic);
    const staying = received(subscriber, topic);
    const unsubscribe = await leaving.subscribe();
    await staying.subscribe();
    await unsubscribe();
    await publisher.publish(topic, event("after"));
    await staying.until(1);
    expect(leaving.events).toEqual([]);
    // A topic nobody listens to any more delivers nothing, and publishing to it is harmless.
    await publisher.publish(`chat:${crypto.randomUUID()}`, event("nobody"));
    expect(staying.events).toHaveLength(1);
    await publisher.close();
    if (subscriber !== publisher) await subscriber.close();
  });
});
