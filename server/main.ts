/** Process entry: configuration → app → listen, and a clean stop on SIGINT/SIGTERM. */
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const { server, firstStart, context } = await buildApp(config);
const address = await server.listen({ port: config.port, host: config.host });
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

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
