import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { clientBuildFolder } from "./paths.js";
import { builtFileServing } from "./static/serving.js";

const consoleFolder = path.join(clientBuildFolder, "console");

/** The operator console's built files, under /console/assets/; every other path under /console/
 *  is a screen of the single-page app, answered with its index.html. A built file that is not
 *  there (a page of an older build asking for its assets after an update) is a 404, not HTML that
 *  the browser would refuse as a script. One wildcard route for the assets: a route a file
 *  (`wildcard: false`) had every start glob the folder and register 75 routes. */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    ...builtFileServing,
    root: path.join(consoleFolder, "assets"),
    prefix: "/console/assets/",
  });
  app.get("/console/*", { schema: { hide: true } }, (_request, reply) =>
    reply.header("cache-control", "no-cache").sendFile("index.html", consoleFolder),
  );
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect("/console/"));
};
