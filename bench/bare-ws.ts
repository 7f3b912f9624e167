/**
 * The idle baseline: a bare `ws` server that holds connections and answers hello with welcome,
 * nothing else. Its memory per connection is the floor any server over ws pays.
 *
 * Environment: PORT.
 */
import { WebSocketServer } from "ws";

const server = new WebSocketServer({ host: "127.0.0.1", port: Number(process.env.PORT) });
server.on("connection", (socket) => {
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type?: string };
    if (frame.type === "hello") socket.send(JSON.stringify({ type: "welcome", role: "customer" }));
  });
});
server.on("listening", () => console.log(`bare ws ready on ${process.env.PORT}`));

process.once("SIGTERM", () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
