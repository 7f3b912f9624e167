/**
 * The embedded database's starting point, made once at build instead of at every first start:
 * PGlite's initdb takes seconds (3.4 s on the project's machine, more on a busy one), copying
 * its result a fraction of that. The template is a PGlite data directory with the migrations of
 * the build applied; a start applies any later ones as it always does.
 */
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync } from "node:fs";
import {
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  truncate,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { migrationsFolder, packageRoot } from "../paths.js";

/** The build's template; tests give others. */
export const builtTemplate = path.join(packageRoot, "dist/pglite-template");

/** Beside the folder: which migrations it holds, so that a start can tell whether it fits.
 *  Written last, so a build stopped half-way leaves a template no start takes. */
const manifestOf = (template: string) => `${template}.json`;

/** The ids of what the template's `prepare` made (the demo service's), by name: a start given a
 *  database made from the template knows them without asking the database for them. */
export type TemplateHolds = Record<string, string>;

interface Manifest {
  migrationHashes: string[];
  holds: TemplateHolds;
  /** The size of a WAL segment: the template holds each cut after its last written page. */
  walSegmentBytes: number;
}

/** At build: a fresh PGlite, migrated and given what `prepare` writes (the rows every
 *  installation starts with), closed and copied to `template` with its manifest. */
export async function writeTemplate(
  template: string,
  // client.ts's Database, which imports this module.
  prepare: (db: PgDatabase<PgQueryResultHKT>) => Promise<TemplateHolds> = async () => ({}),
): Promise<void> {
  // Imported here, not with the module: a start reads the template before PGlite has loaded.
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const scratch = await mkdtemp(path.join(tmpdir(), "madoguchi-template-"));
  try {
    const folder = path.join(scratch, "pglite");
    const client = await PGlite.create(folder);
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder });
    const holds = await prepare(db as unknown as PgDatabase<PgQueryResultHKT>);
    // Two thirds of initdb's files are the template databases, which only CREATE DATABASE reads
    // and the embedded database never runs; a first start spends most of its extra time creating
    // files, so they are left out: 372 files instead of 972.
    for (const database of ["template0", "template1"]) {
      await client.exec(`ALTER DATABASE ${database} IS_TEMPLATE false`);
      await client.exec(`DROP DATABASE ${database}`);
    }
    // Everything in the data files rather than in the WAL: no recovery at the first open. The
    // switch leaves the template one fresh WAL segment instead of initdb's 7 MB of records
    // (with recycling off, the old segment is removed rather than kept under a new name).
    await client.exec("SET wal_recycle = off; CHECKPOINT; SELECT pg_switch_wal(); CHECKPOINT");
    // Closed before it is copied, not dumped while open: a data directory shut down cleanly
    // opens without crash recovery, which also throws away the relation cache's init files.
    await client.close();
    await removeMaps(folder);
    const walSegmentBytes = await cutWalSegments(path.join(folder, "pg_wal"));
    await rm(manifestOf(template), { force: true });
    await removeSpares(template);
    await rm(template, { recursive: true, force: true });
    cpSync(folder, template, { recursive: true });
    const manifest: Manifest = { migrationHashes: codeMigrationHashes(), holds, walSegmentBytes };
    await writeFile(manifestOf(template), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The free-space and visibility maps (the _fsm and _vm forks, 86 of the 506 files) are left out:
 * PostgreSQL makes each again when it first needs it, and a first start's copy is mostly
 * creating files.
 */
async function removeMaps(folder: string): Promise<void> {
  const files = await readdir(folder, { recursive: true });
  for (const file of files.filter((name) => /_(fsm|vm)$/.test(name))) {
    await rm(path.join(folder, file));
  }
}

/** WAL segment files are named by 24 hexadecimal digits. */
const walSegmentName = /^[0-9A-F]{24}$/;
/** PostgreSQL reads and writes WAL in pages of this size. */
const WAL_PAGE_BYTES = 8192;

/**
 * A fresh segment is 16 MB of which the checkpoints fill the first page or two: cut after the last
 * page that holds anything, a first start neither copies nor writes the 16 MB of zeros. The
 * copy makes each its whole size again, a hole that reads as zeros.
 */
async function cutWalSegments(walFolder: string): Promise<number> {
  let segmentBytes = 0;
  for (const file of await walSegments(walFolder)) {
    const bytes = await readFile(file);
    segmentBytes = bytes.length;
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    await truncate(file, Math.ceil(end / WAL_PAGE_BYTES) * WAL_PAGE_BYTES);
  }
  if (!segmentBytes) throw new Error(`no WAL segment in ${walFolder}`);
  return segmentBytes;
}

/** The WAL segment files in a data directory's pg_wal. */
async function walSegments(walFolder: string): Promise<string[]> {
  const names = (await readdir(walFolder)).filter((name) => walSegmentName.test(name));
  return names.map((name) => path.join(walFolder, name));
}

function codeMigrationHashes(): string[] {
  return readMigrationFiles({ migrationsFolder }).map((migration) => migration.hash);
}

/**
 * Why the template cannot seed a database for this code, or null when it can. It fits when the
 * migrations it holds are the first ones of the code's (a later migration applies on start); one
 * built from other migrations (another branch's build) would give a schema the code does not know.
 */
export async function templateUnfit(template: string): Promise<string | null> {
  const fit = await templateFit(template);
  return "unfit" in fit ? fit.unfit : null;
}

/** As templateUnfit, and when it fits, whether it holds every migration of the code (a database
 *  copied from it needs none applied). */
export async function templateFit(template: string): Promise<{ unfit: string } | Fit> {
  if (!existsSync(template) || !existsSync(manifestOf(template))) {
    return { unfit: `no ${template} (npm run build makes it)` };
  }
  const text = await readFile(manifestOf(template), "utf8");
  const manifest = JSON.parse(text) as Partial<Manifest>;
  const held = manifest.migrationHashes ?? [];
  const code = codeMigrationHashes();
  const fits = held.length <= code.length && held.every((hash, index) => hash === code[index]);
  if (!fits)
    return { unfit: `${template} was built for other migrations (npm run build remakes it)` };
  if (!manifest.walSegmentBytes || !manifest.holds)
    return { unfit: `${template} was made by an earlier build (npm run build remakes it)` };
  return {
    complete: held.length === code.length,
    walSegmentBytes: manifest.walSegmentBytes,
    holds: manifest.holds,
    spare: `${template}.spare-${createHash("sha256").update(text).digest("hex").slice(0, 12)}`,
  };
}

interface Fit {
  /** It holds every migration of the code: a database copied from it needs none applied. */
  complete: boolean;
  walSegmentBytes: number;
  holds: TemplateHolds;
  /** Where its spare is, when there is one (named by the manifest it was copied under). */
  spare: string;
}

/** The copy, on a worker thread (eval'd, so that it runs alike from the sources and the build):
 *  `npm start` loads the server's modules while the database opens (main.ts), and node's copy of
 *  a tree is synchronous or costs three times the CPU (its asynchronous one, 150-215 ms here). */
const copyOnWorker = `
  const { workerData: { from, to } } = require("node:worker_threads");
  require("node:fs").cpSync(from, to, { recursive: true });
`;

/** Copies the folder `from` as `to` on a worker thread; throws why it could not. */
async function copyFolder(from: string, to: string): Promise<void> {
  const worker = new Worker(copyOnWorker, { eval: true, workerData: { from, to } });
  await new Promise<void>((resolve, reject) => {
    // An error is followed by an exit (code 1): the first settles the promise.
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`its worker exited with ${code}`)),
    );
  });
}

/**
 * Makes `folder` from the template. It is written beside it first and renamed when complete, so
 * that a start killed half-way leaves no folder that PGlite would take for a database. The spare
 * (prepareSpare), when there is one on this file system, is renamed instead of copied: creating
 * the template's 420 files was most of what a first start did more than a restart (100 ms here).
 */
export async function copyTemplate(template: string, folder: string, fit: Fit): Promise<void> {
  const partial = `${folder}.copying`;
  // Only the holder of the folder's lock gets here: a partial folder is a dead start's.
  await rm(partial, { recursive: true, force: true });
  // None, one another start took first, one on another file system (EXDEV): a copy.
  const taken = await rename(fit.spare, partial).then(
    () => true,
    () => false,
  );
  if (!taken) {
    try {
      await copyFolder(template, partial);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw new Error(
        `could not copy ${template} (${(error as Error).message}); npm run build makes it again`,
      );
    }
  }
  for (const file of await walSegments(path.join(partial, "pg_wal"))) {
    await truncate(file, fit.walSegmentBytes);
  }
  await rename(partial, folder);
}

/**
 * Leaves a copy of the template beside it for the next first start, when there is none (the
 * build makes the first; each start that takes one makes the next once it is ready). Written under
 * a name of its own and renamed when complete, so that a start never takes half a copy, and two
 * processes preparing at once leave one. It only saves time: where it cannot be written (a
 * read-only installation), first starts copy the template.
 */
export async function prepareSpare(template: string): Promise<void> {
  const fit = await templateFit(template).catch(() => ({ unfit: "unreadable" }));
  if ("unfit" in fit || existsSync(fit.spare)) return;
  const filling = `${fit.spare}.${randomBytes(6).toString("hex")}.filling`;
  try {
    await removeDeadFillings(fit.spare);
    await copyFolder(template, filling);
    await rename(filling, fit.spare);
  } catch {
    // Another process's spare got there first (ENOTEMPTY), or the folder is not writable.
  } finally {
    await rm(filling, { recursive: true, force: true }).catch(() => {});
  }
}

/** A filling this old was left by a process killed while it copied (one takes well under a
 *  second): 8 MB that nothing else would remove before the next build. */
const DEAD_FILLING_MS = 60_000;

const removeDeadFillings = (spare: string) =>
  removeBeside(spare, `${path.basename(spare)}.`, DEAD_FILLING_MS);

/** Every spare of the template, of any build, and what stopped processes left half-filled. */
const removeSpares = (template: string) =>
  removeBeside(template, `${path.basename(template)}.spare-`);

/** Removes the folders beside `file` whose names begin with `prefix`; given `unchangedMs`, only
 *  those that have not changed for that long. */
async function removeBeside(file: string, prefix: string, unchangedMs = 0): Promise<void> {
  const folder = path.dirname(file);
  const names = existsSync(folder) ? await readdir(folder) : [];
  for (const name of names.filter((entry) => entry.startsWith(prefix))) {
    const found = path.join(folder, name);
    const { mtimeMs } = await stat(found).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs >= unchangedMs) await rm(found, { recursive: true, force: true });
  }
}
