/** The one place that reads the environment: every setting, validated once, with clear errors. */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** The address people reach the server at; used in printed URLs and the embed code. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Unset: the embedded PGlite database under DATA_DIR. Set: PostgreSQL. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Unset: an in-process bus (one process only). Set: Redis pub/sub, for several processes. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  /** Signs session cookies and customer tokens. Unset: generated once and kept under DATA_DIR. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How often each process refreshes its operators' consoles' presence; the sweep (reassigning
   *  chats, ending idle ones) runs every five of these. Each service's reassignment grace period
   *  and idle-customer timeout are its own settings. */
  PRESENCE_HEARTBEAT_SECONDS: z.coerce.number().min(0.05).max(10).default(2),
  /** Chat requests one address may make per minute. */
  CHAT_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Inquiries (the inquiry form) one address may send per minute, on each of the form's two
   *  routes (the widget's and the help center's). */
  INQUIRIES_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /** WebSockets one address may hold at once: room for a whole office or a carrier's NAT. */
  WS_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(200),
  /** WebSockets one address may open per minute: all of them reconnecting after a restart,
   *  three times over, but not a reconnect loop. */
  WS_CONNECTIONS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Which peers' X-Forwarded-For names the client (rate limits, IP shown on chats): by default
   *  a proxy on this host or a private network; "false" for none, "true" for any (only behind a
   *  proxy that overwrites the header), or addresses and ranges, comma-separated. */
  TRUST_PROXY: z
    .string()
    .default("loopback,linklocal,uniquelocal")
    .transform((value) => (value === "true" ? true : value === "false" ? false : value)),
  /** How long a replay waits for a client that stopped reading before closing it (4408). */
  REPLAY_STALL_SECONDS: z.coerce.number().positive().default(10),
  ADMIN_EMAIL: z.email().default("admin@example.com"),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
});

/** The settings as the server uses them: what loadConfig returns (milliseconds, resolved paths). */
export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
    );
  }
}

/** Reads the configuration from an environment (process.env by default). Empty values count as
 *  unset, so `DATABASE_URL= npm start` means the embedded database. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = environment.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues);
  const values = parsed.data;
  const dataDir = path.resolve(values.DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    publicUrl: values.PUBLIC_URL?.replace(/\/$/, ""),
    dataDir,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    sessionSecret: values.SESSION_SECRET ?? keptSecret(dataDir),
    logLevel: values.LOG_LEVEL,
    adminEmail: values.ADMIN_EMAIL,
    adminPassword: values.ADMIN_PASSWORD,
    presenceHeartbeatMs: values.PRESENCE_HEARTBEAT_SECONDS * 1000,
    chatRequestsPerMinute: values.CHAT_REQUESTS_PER_MINUTE,
    inquiriesPerMinute: values.INQUIRIES_PER_MINUTE,
    wsConnectionsPerAddress: values.WS_CONNECTIONS_PER_ADDRESS,
    wsConnectionsPerMinute: values.WS_CONNECTIONS_PER_MINUTE,
    replayStallMs: values.REPLAY_STALL_SECONDS * 1000,
    trustProxy: values.TRUST_PROXY,
  };
}

/** A secret generated on the first start and read back afterwards, so sessions survive restarts. */
function keptSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  }
}
