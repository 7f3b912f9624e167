/**
 * The embedded database's starting point, made once at build instead of at every first start:
 * PGlite's initdb takes seconds (3.4 s on the project's machine, more on a busy one), unpacking
 * its result a fraction of that. The archive is a PGlite data directory with the migrations of
 * the build applied; a start applies any later ones as it always does.
 */
import { existsSync } from "node:fs";
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  truncate,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { migrationsFolder, packageRoot } from "../paths.js";

/** The build's template; tests give others. */
export const builtTemplate = path.join(packageRoot, "dist/pglite-template.tar.gz");

/** Beside the archive: which migrations it holds, so that a start can tell whether it fits. */
const manifestOf = (archive: string) => archive.replace(/\.tar\.gz$/, ".json");

interface Manifest {
  migrationHashes: string[];
  /** The size of a WAL segment: the archive holds each cut after its last written page. */
  walSegmentBytes: number;
}

/** At build: a fresh PGlite, migrated and given what `prepare` writes (the rows every
 *  installation starts with), written as a gzipped tar with its manifest. */
export async function writeTemplate(
  archive: string,
  // client.ts's Database, which imports this module.
  prepare: (db: PgDatabase<PgQueryResultHKT>) => Promise<unknown> = async () => {},
): Promise<void> {
  // Imported here, not with the module: a start reads the template before PGlite has loaded.
  const [{ PGlite }, { drizzle }, { migrate }, tar] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
    import("tar"),
  ]);
  const scratch = await mkdtemp(path.join(tmpdir(), "madoguchi-template-"));
  try {
    const client = await PGlite.create(path.join(scratch, "pglite"));
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder });
    await prepare(db as unknown as PgDatabase<PgQueryResultHKT>);
    // Two thirds of initdb's files are the template databases, which only CREATE DATABASE reads
    // and the embedded database never runs; a first start spends most of its extra time creating
    // files (about 0.7 ms each here), so they are left out: 372 files instead of 972.
    for (const template of ["template0", "template1"]) {
      await client.exec(`ALTER DATABASE ${template} IS_TEMPLATE false`);
      await client.exec(`DROP DATABASE ${template}`);
    }
    // Everything in the data files rather than in the WAL: no recovery at the first open. The
    // switch leaves the archive one fresh WAL segment instead of initdb's 7 MB of records
    // (with recycling off, the old segment is removed rather than kept under a new name).
    await client.exec("SET wal_recycle = off; CHECKPOINT; SELECT pg_switch_wal(); CHECKPOINT");
    // Closed before it is archived, not dumped while open: a data directory shut down cleanly
    // opens without crash recovery, which also throws away the relation cache's init files.
    await client.close();
    const walSegmentBytes = await cutWalSegments(path.join(scratch, "pglite/pg_wal"));
    await mkdir(path.dirname(archive), { recursive: true });
    await tar.create(
      { gzip: true, portable: true, file: archive, cwd: path.join(scratch, "pglite") },
      ["."],
    );
    const manifest: Manifest = { migrationHashes: codeMigrationHashes(), walSegmentBytes };
    await writeFile(manifestOf(archive), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** WAL segment files are named by 24 hexadecimal digits. */
const walSegmentName = /^[0-9A-F]{24}$/;
/** PostgreSQL reads and writes WAL in pages of this size. */
const WAL_PAGE_BYTES = 8192;

/**
 * A fresh segment is 16 MB of which the checkpoints fill the first page or two: cut after the last
 * page that holds anything, a first start neither inflates nor writes the 16 MB of zeros (35 ms
 * of the unpack here). The unpack makes each its whole size again, a hole that reads as zeros.
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
 * Why the archive cannot seed a database for this code, or null when it can. It fits when the
 * migrations it holds are the first ones of the code's (a later migration applies on start); one
 * built from other migrations (another branch's build) would give a schema the code does not know.
 */
export async function templateUnfit(archive: string): Promise<string | null> {
  const fit = await templateFit(archive);
  return "unfit" in fit ? fit.unfit : null;
}

/** As templateUnfit, and when it fits, whether it holds every migration of the code (a database
 *  unpacked from it needs none applied). */
export async function templateFit(
  archive: string,
): Promise<{ unfit: string } | { complete: boolean; walSegmentBytes: number }> {
  if (!existsSync(archive) || !existsSync(manifestOf(archive))) {
    return { unfit: `no ${archive} (npm run build makes it)` };
  }
  const manifest = JSON.parse(await readFile(manifestOf(archive), "utf8")) as Partial<Manifest>;
  const held = manifest.migrationHashes ?? [];
  const code = codeMigrationHashes();
  const fits = held.length <= code.length && held.every((hash, index) => hash === code[index]);
  if (!fits)
    return { unfit: `${archive} was built for other migrations (npm run build remakes it)` };
  if (!manifest.walSegmentBytes)
    return { unfit: `${archive} was made by an earlier build (npm run build remakes it)` };
  return { complete: held.length === code.length, walSegmentBytes: manifest.walSegmentBytes };
}

/**
 * The unpack, run on a worker thread (eval'd, so that it runs alike from the sources and the
 * build). node-tar refuses entries that would land outside the folder (absolute names, ".."). The
 * free-space and visibility maps (the _fsm and _vm forks, 86 of the 507 files) are left out:
 * PostgreSQL makes each again when it first needs it, and the unpack's time is mostly creating
 * files (0.3-0.5 ms each here).
 */
const unpackOnWorker = `
  const { workerData: { tar, archive, folder } } = require("node:worker_threads");
  require(tar).extract({
    file: archive, cwd: folder, sync: true, filter: (entry) => !/_(fsm|vm)$/.test(entry),
  });
`;

/**
 * Unpacks the archive as `folder`. It is written beside it first and renamed when complete, so
 * that a start killed half-way leaves no folder that PGlite would take for a database.
 */
export async function unpackTemplate(
  archive: string,
  folder: string,
  walSegmentBytes: number,
): Promise<void> {
  const partial = `${folder}.unpacking`;
  // Only the holder of the folder's lock gets here: a partial folder is a dead start's.
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial);
  // One synchronous pass (three times faster here than node-tar's streaming one) on a worker
  // thread: `npm start` loads the server's modules (0.8 s here) while the database opens
  // (main.ts), and on the main thread the unpack held that loading up.
  const worker = new Worker(unpackOnWorker, {
    eval: true,
    workerData: { tar: createRequire(import.meta.url).resolve("tar"), archive, folder: partial },
  });
  const failed = (why: string) =>
    new Error(`could not unpack ${archive} (${why}); npm run build makes it again`);
  await new Promise<void>((resolve, reject) => {
    // An error is followed by an exit (code 1): the first settles the promise.
    worker.once("error", (error) => reject(failed(error.message)));
    worker.once("exit", (code) =>
      code === 0 ? resolve() : reject(failed(`its worker exited with ${code}`)),
    );
  });
  for (const file of await walSegments(path.join(partial, "pg_wal"))) {
    await truncate(file, walSegmentBytes);
  }
  await rename(partial, folder);
}
