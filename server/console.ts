import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { clientBuildFolder } from "./paths.js";
import { builtFileServing } from "./static/serving.js";

const consoleFolder = path.join(clientBuildFolder, "console");

/** The operator console's built files; every other path under /console/ is a screen of the
 *  single-page app, answered with its index.html. */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    ...builtFileServing,
    root: consoleFolder,
    prefix: "/console/",
    wildcard: false,
  });
  app.get("/console/*", { schema: { hide: true } }, (_request, reply) =>
    reply.header("cache-control", "no-cache").sendFile("index.html", consoleFolder),
  );
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect("/console/"));
};
