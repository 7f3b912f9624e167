/** Opens the database: PGlite under DATA_DIR when no DATABASE_URL is set, PostgreSQL otherwise.
 *  Both speak the same SQL and get the same Drizzle interface. */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout } from "node:timers/promises";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { migrationsFolder } from "../paths.js";
import {
  builtTemplate,
  copyTemplate,
  prepareSpare,
  type TemplateHolds,
  templateFit,
} from "./pglite-template.js";

/** No schema is given to Drizzle: each feature folder owns its tables and queries them itself. */
export type Database = PgDatabase<PgQueryResultHKT>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  /** Made by this start from the template: what the template holds (pglite-template.ts). */
  madeFromTemplate?: TemplateHolds;
  /** Embedded: once this start is done with the machine, a copy of the template ahead for the
   *  next first start (pglite-template.ts, prepareSpare); close waits for it. */
  prepareNextFirstStart?(): void;
  close(): Promise<void>;
}

/** The embedded database is open in another process (a running server, as a rule). */
export class DatabaseInUse extends Error {
  constructor(
    readonly owner: number,
    readonly folder: string,
  ) {
    super(
      `Another process (pid ${owner}) is using the embedded database in ${folder}. ` +
        "Stop it, or give this one another DATA_DIR or a DATABASE_URL.",
    );
  }
}

/** Any two processes migrating one PostgreSQL at once take turns on this advisory lock. */
const MIGRATION_LOCK = 7_316_001;

/** Where a slow path is worth a line: the server's logger, or the console for the CLIs. */
export interface DatabaseLog {
  warn(message: string): void;
}

/**
 * The drivers are imported when a database opens, not with this module: `npm start` opens the
 * database before it loads the rest of the server, so that the open's waits (reading the files,
 * compiling PGlite's WebAssembly) overlap the 0.6–1 s of loading the server's modules instead of
 * following it (a first start 0.3 s faster on a slow machine; docs/benchmarks.md, "Start").
 */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  log?: DatabaseLog;
  /** What a new embedded database starts from (pglite-template.ts): the build's by default. */
  pgliteTemplate?: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(embeddedFolder(options.dataDir), {
    template: options.pgliteTemplate ?? builtTemplate,
    log: options.log ?? console,
  });
}

/** Whether opening would make a new embedded database (no DATABASE_URL, nothing under DATA_DIR
 *  yet): a first start, known before the database opens. */
export function embeddedDatabaseIsNew(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): boolean {
  return !options.databaseUrl && !existsSync(embeddedFolder(options.dataDir));
}

const embeddedFolder = (dataDir: string) => path.join(dataDir, "pglite");

/**
 * PostgreSQL's buffer pool inside PGlite. Its whole size is resident from the open (PGlite's
 * WebAssembly allocates it zeroed): PostgreSQL's default 128 MB made an idle server 310-377 MB on
 * the 1,000,000-message records, and the full steady run's message path took 6.5 ms of CPU a
 * message against 0.8 with 16 MB. The files it would cache are in the operating system's page
 * cache either way: the searches were as fast (docs/benchmarks.md, "PGlite's buffer pool").
 */
const PGLITE_SHARED_BUFFERS = "16MB";

async function openPglite(
  folder: string,
  { template, log }: { template: string; log: DatabaseLog },
): Promise<DatabaseHandle> {
  const wasm = compiledPglite();
  wasm.catch(() => {}); // Refused below, by PGlite.create, if at all.
  const releaseLock = await lockFolder(`${folder}.lock`, log);
  try {
    // Loaded while a first start copies the template (on a worker thread).
    const modules = Promise.all([
      import("@electric-sql/pglite"),
      import("drizzle-orm/pglite"),
      import("drizzle-orm/pglite/migrator"),
    ]);
    // Copied from a template that holds every migration: nothing to apply, and the first start
    // does not pay the migrator's reading of a cold catalog (50-150 ms here).
    let migrated = false;
    let madeFromTemplate: TemplateHolds | undefined;
    if (!existsSync(folder)) {
      const fit = await templateFit(template);
      if ("unfit" in fit) {
        log.warn(`${fit.unfit}: initialising the embedded database, which takes seconds.`);
      } else {
        await copyTemplate(template, folder, fit);
        migrated = fit.complete;
        madeFromTemplate = fit.holds;
      }
    }
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await modules;
    const client = await PGlite.create(folder, {
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      pgliteWasmModule: await wasm,
    });
    const db = drizzlePglite({ client });
    let preparing: Promise<void> | undefined;
    return {
      db: db as unknown as Database,
      kind: "pglite",
      madeFromTemplate,
      migrate: async () => {
        if (!migrated) await migratePglite(db, { migrationsFolder });
      },
      prepareNextFirstStart() {
        preparing ??= prepareSpare(template);
      },
      async close() {
        await preparing;
        await client.close();
        await releaseLock();
      },
    };
  } catch (error) {
    // A start that could not open the folder leaves it to the next, in this process or another.
    await releaseLock();
    throw error;
  }
}

let pgliteWasm: Promise<WebAssembly.Module> | undefined;

/** PGlite's PostgreSQL (9 MB of WebAssembly), compiled once a process on V8's background threads
 *  from the moment the database is asked for: left to PGlite.create, the compile would begin only
 *  once the folder is locked and a first start's template copied (decision 57). */
function compiledPglite(): Promise<WebAssembly.Module> {
  pgliteWasm ??= readFile(new URL(import.meta.resolve("@electric-sql/pglite/pglite.wasm"))).then(
    (bytes) => WebAssembly.compile(bytes),
  );
  return pgliteWasm;
}

/** How long a start waits for the lock's owner to exit: a server killed a moment ago (SIGKILL,
 *  a crash) may still be dying, or exited but not yet reaped by its parent, when its supervisor
 *  starts the next one. A live owner is refused after this. */
const OWNER_EXIT_WAIT_MS = 5_000;
const OWNER_POLL_MS = 50;

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A lock file naming the owner's pid refuses that; a lock left by a dead process is taken over.
 */
async function lockFolder(lockFile: string, log: DatabaseLog): Promise<() => Promise<void>> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  let waitingSince: number | undefined;
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: "wx" });
      locksHeld.add(lockFile);
      return async () => {
        locksHeld.delete(lockFile);
        await rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number(await readFile(lockFile, "utf8").catch(() => "0"));
    if (owner && (await holds(owner, lockFile))) {
      if (waitingSince === undefined) {
        waitingSince = Date.now();
        log.warn(
          `Process ${owner} holds the embedded database in ${path.dirname(lockFile)}: ` +
            `waiting up to ${OWNER_EXIT_WAIT_MS / 1000} s for it to exit.`,
        );
      } else if (Date.now() - waitingSince >= OWNER_EXIT_WAIT_MS) {
        throw new DatabaseInUse(owner, path.dirname(lockFile));
      }
      await setTimeout(OWNER_POLL_MS);
      continue;
    }
    await rm(lockFile, { force: true });
  }
}

/** The lock files this process wrote: one naming this process's pid but not here was left by an
 *  earlier process that had the same pid (a container restarted, where pids start over). */
const locksHeld = new Set<string>();

/** Whether the process can still touch the files. A zombie (exited, waiting for its parent to
 *  reap it) still answers signal 0 but holds no file and runs no code: it counts as gone. */
async function holds(pid: number, lockFile: string): Promise<boolean> {
  if (pid === process.pid) return locksHeld.has(lockFile);
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // Linux: the state follows the parenthesised command name, which may itself hold spaces.
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  const state = stat?.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzlePg({ client: pool });
  return {
    db: db as unknown as Database,
    kind: "postgres",
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migratePg(drizzlePg({ client }), { migrationsFolder });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** What the database said when it refused a statement: its SQLSTATE code and the constraint
 *  that refused it (drizzle wraps the driver's error as `cause`). */
export function databaseRefusal(error: unknown): { code?: string; constraint?: string } {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return (cause ?? {}) as { code?: string; constraint?: string };
}

/** The database refused a row for a unique constraint (a race the code's own check lost). */
export const isUniqueViolation = (error: unknown) => databaseRefusal(error).code === "23505";

/** The database refused a row because another row still points at it. */
export const isForeignKeyViolation = (error: unknown) => databaseRefusal(error).code === "23503";
