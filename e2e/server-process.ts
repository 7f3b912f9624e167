/** The built server as a child process, as `npm start` runs it, so a test can stop and restart it. */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, wherever it is, as in a crash. */
  kill(): Promise<void>;
}

/** Far above a start (about a second) or a stop on a loaded machine. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts `node dist/server/main.js` and resolves once it prints that it is ready. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawnServer(process.execPath, [...startFlags, serverMain], env);
  const { url, output } = await readyUrl(child);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(signal);
    const stuck = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    const [code] = await exited;
    clearTimeout(stuck);
    // The server bounds its own stop (main.ts); one that needed killing is a failure to see.
    if (signal === "SIGTERM" && code !== 0) {
      throw new Error(`server did not stop cleanly (exit ${code}):\n${output()}`);
    }
  };
  return {
    url,
    pid: child.pid ?? 0,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
}

export const serverMain = path.resolve("dist/server/main.js");

/** The flags `npm start` gives node (package.json's start script), so that the tests and the
 *  bench run the server as it runs. */
export const startFlags: string[] = (
  JSON.parse(readFileSync(path.resolve("package.json"), "utf8")) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith("--"));

/** Runs a command that starts the server, with the server's environment and its output piped. */
export function spawnServer(
  command: string,
  args: string[],
  env: Record<string, string>,
): ChildProcess {
  return spawn(command, args, {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The server's address once it prints its ready line; rejects with what it printed when it
 *  exits first or hangs. `output` reads everything it printed so far. */
export async function readyUrl(child: ChildProcess): Promise<{ url: string; output(): string }> {
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    // A start that hangs says so with what the server printed, instead of the test's timeout.
    const stuck = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server not ready after ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.once("exit", () => clearTimeout(stuck));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Console:\s+(http:\/\/\S+)\/console\//);
      if (match?.[1]) {
        clearTimeout(stuck);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { url, output: () => output };
}
