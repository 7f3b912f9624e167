/** Builds the whole server from a configuration: used by main.ts and by every test. */
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { MAX_FRAME_BYTES } from "../shared/limits.js";
import { attachmentRoutes } from "./attachments/routes.js";
import { attachmentStore } from "./attachments/storage.js";
import { auditRoutes } from "./audit/routes.js";
import { authRoutes } from "./auth/routes.js";
import { adminPassword, bootstrap, type FirstStart } from "./bootstrap.js";
import { openBus } from "./bus/index.js";
import { cannedResponseRoutes } from "./canned-responses/routes.js";
import { categoryRoutes } from "./categories/routes.js";
import { MessageWriter } from "./chats/message-writer.js";
import { chatRoutes } from "./chats/routes.js";
import { startSweeper } from "./chats/sweeper.js";
import type { Config } from "./config.js";
import { consoleRoutes } from "./console.js";
import type { AppContext } from "./context.js";
import { customerTokens } from "./customers/customer-token.js";
import { type DatabaseHandle, embeddedDatabaseIsNew, openDatabase } from "./db/client.js";
import { AppError } from "./errors.js";
import { healthRoutes } from "./health/routes.js";
import { helpCenterRoutes } from "./helpcenter/routes.js";
import { historyRoutes } from "./history/routes.js";
import { openApiDocument } from "./openapi.js";
import { sendErrorPage, slashRedirects, wantsPage } from "./pages.js";
import { Presence } from "./presence/presence.js";
import { rateLimitCounts } from "./rate-limits.js";
import { realtimeRoutes } from "./realtime/routes.js";
import { onSocketError } from "./realtime/socket-errors.js";
import { ServiceCache } from "./services/cache.js";
import { serviceRoutes } from "./services/routes.js";
import { statisticsRoutes } from "./statistics/routes.js";
import { teamRoutes } from "./team/routes.js";
import { ticketRoutes } from "./tickets/routes.js";
import { refusedField, validateWithZod, zodSchemaController } from "./validation.js";
import { widgetRoutes } from "./widget/routes.js";

export interface App {
  server: FastifyInstance;
  context: AppContext;
  /** Set on the first start of an installation. */
  firstStart: FirstStart | null;
}

export interface BuildOptions {
  /** Where log lines go (JSON, one a line); standard output when not given. */
  logStream?: { write(line: string): void };
  /** The database, already being opened by the caller (`npm start`, while it loads this module),
   *  and whether that open makes a new embedded one. Opened here when not given. */
  opening?: { database: Promise<DatabaseHandle>; isNew: boolean };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const server = Fastify({
    logger: { level: config.logLevel, stream: options.logStream },
    // One line per request is noise at this volume; errors are logged where they are handled.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    schemaController: zodSchemaController,
  });
  validateWithZod(server);

  const opening = options.opening ?? {
    isNew: embeddedDatabaseIsNew(config),
    database: openDatabase({ ...config, log: server.log }),
  };
  const early = opening.isNew ? adminPassword(config) : undefined;
  const database = await opening.database;
  await database.migrate();
  const bus = await openBus(config.redisUrl);
  server.addHook("onClose", async () => {
    await bus.close();
    await database.close();
  });
  const firstStart = await bootstrap(database.db, config, early, database.madeFromTemplate);
  const services = new ServiceCache(database.db, bus);
  await services.start();
  server.addHook("onClose", () => services.stop());
  const context: AppContext = {
    config,
    db: database.db,
    bus,
    log: server.log,
    customerTokens: customerTokens(config.sessionSecret),
    presence: new Presence(database.db, config.presenceHeartbeatMs),
    services,
    messageWriter: new MessageWriter(database.db, config.databaseUrl ? 2 : 1),
    attachments: attachmentStore(database.db, config),
  };
  const stopSweeper = startSweeper(context);
  // Registered after the database's hook, so it runs first: hooks run in reverse order.
  server.addHook("onClose", () => stopSweeper());

  server.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === "internal_error") request.log.error({ err: error }, "request failed");
    reply.status(appError.status);
    // A person's browser gets a page it can show; API clients keep the JSON.
    return wantsPage(request) ? sendErrorPage(reply, request) : reply.send(appError.toBody());
  });
  server.setNotFoundHandler((request, reply) => {
    reply.status(404);
    if (wantsPage(request)) return sendErrorPage(reply, request);
    return reply.send(
      new AppError("not_found", 404, `no route for ${request.method} ${request.url}`).toBody(),
    );
  });

  await server.register(fastifyHelmet, {
    frameguard: false,
    contentSecurityPolicy: {
      directives: { "frame-ancestors": ["'self'"], "upgrade-insecure-requests": null },
    },
  });
  await server.register(fastifyCookie);
  const rateLimits = await rateLimitCounts(config.redisUrl);
  server.addHook("onClose", () => rateLimits.close());
  await server.register(fastifyRateLimit, { global: false, ...rateLimits.options });
  await server.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    errorHandler: onSocketError,
  });
  const document = openApiDocument(server);
  server.get("/api/openapi.json", { schema: { hide: true } }, () => document());

  for (const routes of [
    healthRoutes,
    authRoutes,
    teamRoutes,
    serviceRoutes,
    categoryRoutes,
    auditRoutes,
    cannedResponseRoutes,
    chatRoutes,
    attachmentRoutes,
    ticketRoutes,
    historyRoutes,
    statisticsRoutes,
    widgetRoutes,
    helpCenterRoutes,
    realtimeRoutes,
  ]) {
    await server.register(routes, { context });
  }
  await server.register(consoleRoutes);
  await server.register(slashRedirects);
  return { server, context, firstStart };
}

function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const [issue] = error.validation;
    const context = error.validationContext ?? "body";
    return refusedField(
      context,
      issue?.instancePath.split("/").filter(Boolean) ?? [],
      issue && { code: issue.keyword, message: issue.message ?? "", ...issue.params },
      (request as unknown as Record<string, unknown>)[context],
    );
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 429) return new AppError("rate_limited", 429, "too many requests; slow down");
  if ((error as { code?: string }).code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return new AppError("invalid_json", 400, "body: the body is not valid JSON", "body");
  }
  // Fastify's own client errors (body too large, wrong content type) keep their status and text.
  if (status && status >= 400 && status < 500) {
    return new AppError("validation_failed", status, (error as Error).message, "body");
  }
  return new AppError("internal_error", 500, "the server failed; try again");
}
