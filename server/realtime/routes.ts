import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { workingOperator } from "../auth/authenticate.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { Connection } from "./connection.js";
import { ConnectionLimit } from "./connection-limit.js";

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

  const { wsConnectionsPerAddress, wsConnectionsPerMinute } = context.config;
  const limit = new ConnectionLimit(wsConnectionsPerAddress, wsConnectionsPerMinute);
  /** Refused before the handshake with 429, which a browser reports as a failed connection: the
   *  reference client then backs off further with each attempt, as it does when the server is
   *  down. An admitted connection is counted until its TCP socket closes, however it ends. */
  const admit = async (request: FastifyRequest) => {
    if (!request.ws) return;
    const address = request.ip;
    const refusal = limit.admit(address);
    if (refusal) throw new AppError("rate_limited", 429, refusal);
    request.raw.socket.once("close", () => limit.release(address));
  };

  app.get(
    "/ws",
    { websocket: true, onRequest: admit, schema: { hide: true } },
    (socket, request) => {
      alive.add(socket);
      socket.on("pong", () => alive.add(socket));
      new Connection(context, socket, () => workingOperator(context.db, request), request.ip);
    },
  );
};
