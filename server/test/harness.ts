/** Starts the real server for a test: an ephemeral port, a temporary DATA_DIR, and PGlite or the
 *  PostgreSQL database that the run's global setup created. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { type App, type BuildOptions, buildApp } from "../app.js";
import { loadConfig } from "../config.js";

export interface TestServer {
  app: App;
  dataDir: string;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Reuse a DATA_DIR (a restart); it is then left for the caller to remove. */
  dataDir?: string;
  /** Receives the server's log lines (set LOG_LEVEL in env to see any). */
  logStream?: BuildOptions["logStream"];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "madoguchi-test-")));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ADMIN_PASSWORD: "admin-password",
    // Every test customer comes from 127.0.0.1.
    CHAT_REQUESTS_PER_MINUTE: "100000",
    INQUIRIES_PER_MINUTE: "100000",
    DATABASE_URL: inject("databaseUrl") ?? "",
    ...options.env,
  });
  const app = await buildApp(config, { logStream: options.logStream });
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    dataDir,
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/ws`,
    async close() {
      await app.server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two processes of one installation: one PostgreSQL (the run's), one Redis, one secret. */
export async function startTwoProcesses(): Promise<[TestServer, TestServer]> {
  const env = {
    REDIS_URL: process.env.TEST_REDIS_URL ?? "",
    SESSION_SECRET: "a shared secret of every process, long enough",
  };
  return [await startTestServer({ env }), await startTestServer({ env })];
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A fresh PostgreSQL database for this run, or "" for PGlite. */
    databaseUrl: string;
  }
}
