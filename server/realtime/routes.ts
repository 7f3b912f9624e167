import type { FastifyPluginAsync } from "fastify";
import { sessionOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { Connection } from "./connection.js";

/** Dead connections are found by ping: one that has not answered by the next ping is dropped. */
const HEARTBEAT_MS = 30_000;

export const realtimeRoutes: FastifyPluginAsync<{ context: AppContext }> = async (
  app,
  { context },
) => {
  const alive = new WeakSet<object>();
  const heartbeat = setInterval(() => {
    for (const client of app.websocketServer.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook("onClose", async () => clearInterval(heartbeat));

  app.get("/ws", { websocket: true, schema: { hide: true } }, (socket, request) => {
    alive.add(socket);
    socket.on("pong", () => alive.add(socket));
    new Connection(context, socket, () => sessionOperator(context.db, request));
  });
};
