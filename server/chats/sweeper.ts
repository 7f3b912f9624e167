/**
 * The periodic work every process does: keep its operators' connections fresh, move never-opened
 * chats away from operators who are gone, end chats whose customer went idle, serve the queues,
 * end chats queued past their timeout, and close tickets
 * solved two weeks ago. Each step is safe to run in several processes at once (each change
 * re-checks under the row lock of the chat or ticket).
 */

import type { AppContext } from "../context.js";
import { closeSolvedTickets } from "../tickets/tickets.js";
import { endIdleChats, endOverdueQueuedChats, reassignUnopened } from "./lifecycle.js";
import { serveQueues } from "./queue.js";

const TICKET_SWEEP_MS = 60_000;

export function startSweeper(context: AppContext): () => Promise<void> {
  // Five heartbeats (10 s by default): a chat moves or ends within that of its service's grace
  // period or idle timeout (ten seconds at the least).
  const intervalMs = 5 * context.presence.heartbeatMs;
  const stops = [
    every(context, context.presence.heartbeatMs, () => context.presence.heartbeat()),
    every(context, intervalMs, async () => {
      await context.presence.forgetExpired();
      await reassignUnopened(context);
      await endIdleChats(context);
      // A slot whose news was lost (a process died before serving) serves the queue here.
      await serveQueues(context);
      await endOverdueQueuedChats(context);
    }),
    // Two weeks is a long time: a minute late is on time.
    every(context, TICKET_SWEEP_MS, () => closeSolvedTickets(context.db)),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}

/** Runs the task every intervalMs, never two at once; returns how to stop, waiting for a run. */
function every(context: AppContext, intervalMs: number, task: () => Promise<unknown>) {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= task()
      .then(() => {})
      .catch((error) => context.log.error({ err: error }, "sweep failed"))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
