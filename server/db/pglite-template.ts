/**
 * The embedded database's starting point, made once at build instead of at every first start:
 * PGlite's initdb takes seconds (3.4 s on the project's machine, more on a busy one), unpacking
 * its result a fraction of that. The archive is a PGlite data directory with the migrations of
 * the build applied; a start applies any later ones as it always does.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { extract } from "tar";
import { migrationsFolder, packageRoot } from "../paths.js";

/** The build's template; tests give others. */
export const builtTemplate = path.join(packageRoot, "dist/pglite-template.tar.gz");

/** Beside the archive: which migrations it holds, so that a start can tell whether it fits. */
const manifestOf = (archive: string) => archive.replace(/\.tar\.gz$/, ".json");

interface Manifest {
  migrationHashes: string[];
}

/** At build: a fresh PGlite, migrated, written as a gzipped tar with its manifest. */
export async function writeTemplate(archive: string): Promise<void> {
  // Imported here, not with the module: a start reads the template before PGlite has loaded.
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const scratch = await mkdtemp(path.join(tmpdir(), "madoguchi-template-"));
  try {
    const client = await PGlite.create(path.join(scratch, "pglite"));
    await migrate(drizzle({ client }), { migrationsFolder });
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
    const tarball = await client.dumpDataDir("gzip");
    await client.close();
    await mkdir(path.dirname(archive), { recursive: true });
    await writeFile(archive, Buffer.from(await tarball.arrayBuffer()));
    const manifest: Manifest = { migrationHashes: codeMigrationHashes() };
    await writeFile(manifestOf(archive), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
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
): Promise<{ unfit: string } | { complete: boolean }> {
  if (!existsSync(archive) || !existsSync(manifestOf(archive))) {
    return { unfit: `no ${archive} (npm run build makes it)` };
  }
  const held = (JSON.parse(await readFile(manifestOf(archive), "utf8")) as Manifest)
    .migrationHashes;
  const code = codeMigrationHashes();
  const fits = held.length <= code.length && held.every((hash, index) => hash === code[index]);
  if (!fits)
    return { unfit: `${archive} was built for other migrations (npm run build remakes it)` };
  return { complete: held.length === code.length };
}

/**
 * Unpacks the archive as `folder`. It is written beside it first and renamed when complete, so
 * that a start killed half-way leaves no folder that PGlite would take for a database.
 */
export async function unpackTemplate(archive: string, folder: string): Promise<void> {
  const partial = `${folder}.unpacking`;
  // Only the holder of the folder's lock gets here: a partial folder is a dead start's.
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial);
  // node-tar refuses entries that would land outside the folder (absolute names, ".."). In one
  // synchronous pass: three times faster here than the streaming one (70–90 ms against 230–300
  // for 372 files); neither it on a worker thread nor the streaming one beside the loading of the
  // server's modules (main.ts) made a first start faster (docs/benchmarks.md, "Start").
  extract({ file: archive, cwd: partial, sync: true });
  await rename(partial, folder);
}
