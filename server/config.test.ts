import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

async function tempDir() {
  return mkdtemp(path.join(tmpdir(), "madoguchi-config-"));
}

describe("configuration", () => {
  it("uses the embedded database, the in-process bus and port 3000 when nothing is set", async () => {
    const config = loadConfig({ DATA_DIR: await tempDir() });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      logLevel: "info",
    });
  });

  it("treats an empty variable as unset", async () => {
    const config = loadConfig({ DATA_DIR: await tempDir(), DATABASE_URL: "", PORT: "" });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it("names every variable that is wrong and why", async () => {
    const load = () =>
      loadConfig({
        DATA_DIR: "/tmp",
        PORT: "eighty",
        DATABASE_URL: "mysql://localhost/db",
        LOG_LEVEL: "loud",
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT:/);
    expect(load).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(load).toThrow(/LOG_LEVEL:/);
  });

  it("generates a session secret once and keeps it under DATA_DIR", async () => {
    const dataDir = await tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.sessionSecret).toHaveLength(43);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect((await readFile(path.join(dataDir, "session-secret"), "utf8")).trim()).toBe(
      first.sessionSecret,
    );
  });

  it("takes SESSION_SECRET from the environment when set", async () => {
    const secret = "s".repeat(40);
    expect(loadConfig({ DATA_DIR: await tempDir(), SESSION_SECRET: secret }).sessionSecret).toBe(
      secret,
    );
  });
});
