import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { notFound } from "./errors.js";
import { clientBuildFolder } from "./paths.js";
import { builtFileServing } from "./static/serving.js";

const consoleFolder = path.join(clientBuildFolder, "console");

/** The operator console's built files; every other path under /console/ is a screen of the
 *  single-page app, answered with its index.html, except a built file that is not there (a page
 *  of an older build asking for its assets after an update): that is a 404, not HTML that the
 *  browser would refuse as a script. */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    ...builtFileServing,
    root: consoleFolder,
    prefix: "/console/",
    wildcard: false,
  });
  app.get("/console/*", { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith("/console/assets/")) throw notFound("not_found", "this file");
    return reply.header("cache-control", "no-cache").sendFile("index.html", consoleFolder);
  });
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect("/console/"));
};
