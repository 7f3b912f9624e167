/** Process entry: configuration → database and app → listen, and a clean stop on SIGINT/SIGTERM. */
import { ConfigError, loadConfig } from "./config.js";
import { embeddedDatabaseIsNew, openDatabase } from "./db/client.js";

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// The database opens while the rest of the server's modules load (client.ts says why).
const isNew = embeddedDatabaseIsNew(config);
const database = openDatabase({ ...config, log: console });
// Awaited in buildApp: a refusal meanwhile (the database in use) must not count as unhandled.
database.catch(() => {});
const { buildApp } = await import("./app.js").catch(exitWith);
const { server, firstStart, context } = await buildApp(config, {
  opening: { database, isNew },
}).catch(exitWith);

/** How long a stop may wait for clients and the database before the process exits anyway:
 *  a supervisor's SIGTERM must end the process, and what was acknowledged is already committed. */
const STOP_TIMEOUT_MS = 10_000;

// Before the ready line: a SIGTERM that arrives right after it must find the handler, or the
// default action kills the process without closing the database.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    setTimeout(() => {
      console.error(`Madoguchi did not stop within ${STOP_TIMEOUT_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Madoguchi stopped with an error: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  });
}

// Fastify logs its own "Server listening at" at info, a JSON line above the ready lines that say
// the same for people: it is left out.
const level = server.log.level;
server.log.level = "warn";
const address = await server
  .listen({ port: config.port, host: config.host })
  .catch(async (error) => {
    await server.close();
    return exitWith(
      (error as NodeJS.ErrnoException).code === "EADDRINUSE"
        ? new Error(
            `Port ${config.port} on ${config.host} is in use: stop what uses it or set PORT.`,
          )
        : error,
    );
  });
server.log.level = level;
const base =
  config.publicUrl ?? address.replace("[::1]", "localhost").replace("127.0.0.1", "localhost");
const backend = config.databaseUrl ? "PostgreSQL" : `PGlite in ${config.dataDir}`;

const lines = [
  `Madoguchi ready in ${Math.round(performance.now() - started)} ms (${backend}, ${config.redisUrl ? "Redis bus" : "in-process bus"})`,
  `  Console:   ${base}/console/`,
  `  Demo page: ${base}/demo/`,
];
if (firstStart) {
  lines.push(`  Administrator: ${firstStart.adminEmail}`);
  if (firstStart.generatedPassword) {
    lines.push(`  Password:      ${firstStart.generatedPassword}   (shown only this once)`);
  }
}
console.log(lines.join("\n"));
context.log.debug({ address }, "listening");
// After the ready line: the copy would otherwise share the machine with this start.
(await database).prepareNextFirstStart?.();

/** A failed start says why in one line, not a stack trace. */
function exitWith(error: unknown): never {
  console.error(
    `Madoguchi could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
