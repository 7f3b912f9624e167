/**
 * The start scenario: how long the built server takes from spawn to its ready line on an empty
 * DATA_DIR (the first start) and on that DATA_DIR again (a restart), against a bare PGlite
 * initdb on the same machine in the same run (what the first start cost before the template).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { builtTemplate, templateUnfit } from "../../server/db/pglite-template.js";
import { packageRoot } from "../../server/paths.js";
import { startMadoguchi } from "./children.js";
import { onInterrupt } from "./cleanup.js";
import { percentile, round, sortedCopy } from "./stats.js";

export interface StartRound {
  first_ms: number;
  restart_ms: number;
  pglite_initdb_ms: number;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return round(performance.now() - started, 0);
}

/** Spawn to ready, then a clean stop (which the next start on the folder needs). Each start
 *  begins with what the round wrote before it on disk (`sync`): a bare initdb leaves 40 MB to
 *  write back, which otherwise lands in the first start that follows and not in the restart. */
async function startToReady(dataDir: string): Promise<number> {
  await promisify(execFile)("sync");
  let stop = async () => {};
  const elapsed = await timed(async () => {
    ({ stop } = await startMadoguchi({ DATA_DIR: dataDir, DATABASE_URL: "" }));
  });
  await stop();
  return elapsed;
}

/**
 * PGlite's initdb alone, in a process of its own, timed there: run in the bench's process, its
 * 9 MB of WebAssembly and heap were still being collected and tiered up on the two cores while
 * the first start that follows it ran (which came out 40-100 ms slower than in a round without it).
 */
async function bareInitdb(folder: string): Promise<number> {
  const script = [
    'import { PGlite } from "@electric-sql/pglite";',
    "const started = performance.now();",
    "const db = await PGlite.create(process.argv[1]);",
    "const elapsed = performance.now() - started;",
    "await db.close();",
    "console.log(Math.round(elapsed));",
  ].join("\n");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", script, folder],
    { cwd: packageRoot },
  );
  return Number(stdout.trim());
}

async function oneRound(): Promise<StartRound> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "madoguchi-bench-start-"));
  const remove = onInterrupt(() => rm(scratch, { recursive: true, force: true }));
  try {
    const initdb = await bareInitdb(path.join(scratch, "bare-pglite"));
    const dataDir = path.join(scratch, "data");
    const first = await startToReady(dataDir);
    const restart = await startToReady(dataDir);
    return { first_ms: first, restart_ms: restart, pglite_initdb_ms: initdb };
  } finally {
    await remove();
  }
}

export async function measureStart(rounds: number, log: (line: string) => void) {
  const unfit = await templateUnfit(builtTemplate);
  if (unfit) throw new Error(`start: ${unfit}; the first start would run initdb`);
  const results: StartRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const result = await oneRound();
    log(
      `  round ${round + 1}/${rounds}: first start ${result.first_ms} ms, restart ` +
        `${result.restart_ms} ms, bare PGlite initdb ${result.pglite_initdb_ms} ms`,
    );
    results.push(result);
  }
  // The median of each: one slow round on a shared machine does not move it.
  const median = (key: keyof StartRound) =>
    percentile(sortedCopy(results.map((result) => result[key])), 50);
  return {
    first_ms: median("first_ms"),
    restart_ms: median("restart_ms"),
    pglite_initdb_ms: median("pglite_initdb_ms"),
    rounds: results,
  };
}
