/**
 * A restart right after a SIGKILL, as a supervisor does it: the killed server may not have been
 * reaped yet (its parent has not waited for it), so its pid still answers while it holds nothing.
 * The new server waits for such an owner of the embedded database's lock instead of refusing,
 * and starts on the same data; a live owner is still refused.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  freePort,
  readyUrl,
  type ServerProcess,
  serverMain,
  spawnServer,
  startServerProcess,
} from "./server-process.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function installation() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-restart-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  return {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    ADMIN_EMAIL: "admin@example.com",
    ADMIN_PASSWORD: "admin-password",
  };
}

/** The server started by a shell that then becomes `sleep`: the server's parent never waits for
 *  it, so once killed it stays a zombie (an exited process whose pid still answers) until the
 *  parent goes. */
async function startUnreaped(env: Record<string, string>) {
  const parent = spawnServer(
    "/bin/sh",
    ["-c", '"$0" "$1" & echo "server pid $!"; exec sleep 600', process.execPath, serverMain],
    env,
  );
  cleanups.push(() => {
    parent.kill("SIGKILL");
  });
  const { url, output } = await readyUrl(parent);
  const pid = Number(output().match(/server pid (\d+)/)?.[1]);
  cleanups.push(() => {
    // Already gone once the test killed it; gone with the parent otherwise.
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  });
  return { url, pid };
}

async function logIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.com", password: "admin-password" }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("a restart right after a SIGKILL, on the embedded database", () => {
  it("starts at once on the same data, while the killed server is not yet reaped", async () => {
    const env = await installation();
    const killed = await startUnreaped(env);
    const cookie = await logIn(killed.url);

    process.kill(killed.pid, "SIGKILL");
    const restarted = await startServerProcess(env);
    cleanups.push(() => restarted.stop());

    // The session of before the kill is there: the same database, not a new one.
    const me = await fetch(`${restarted.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ operator: { email: "admin@example.com" } });
  });

  it("still refuses to start beside a live server on the same DATA_DIR, naming it", async () => {
    const env = await installation();
    const live: ServerProcess = await startServerProcess(env);
    cleanups.push(() => live.stop());

    await expect(startServerProcess({ ...env, PORT: String(await freePort()) })).rejects.toThrow(
      `Another process (pid ${live.pid}) is using the embedded database`,
    );
    expect((await fetch(`${live.url}/readyz`)).status).toBe(200);
  });
});
