import { sql } from "drizzle-orm";
import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../context.js";

export const healthRoutes: FastifyPluginAsync<{ context: AppContext }> = async (
  app,
  { context },
) => {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  // Migrations are applied before the server listens, so a reachable database means ready.
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await context.db.execute(sql`select 1`);
      return { status: "ready" };
    } catch {
      return reply.status(503).send({ status: "database unreachable" });
    }
  });
};
