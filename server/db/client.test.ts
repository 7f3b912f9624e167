import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { copyFile, cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { migrationsFolder } from "../paths.js";
import { openDatabase } from "./client.js";
import { builtTemplate, prepareSpare } from "./pglite-template.js";

const folders: string[] = [];
async function emptyDataDir(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "madoguchi-db-"));
  folders.push(folder);
  return folder;
}
afterEach(async () => {
  await Promise.all(
    folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })),
  );
});

type Handle = Awaited<ReturnType<typeof openDatabase>>;

/** The build's template, with its manifest, copied as `folder/name`. */
async function copiedTemplate(folder: string, name: string): Promise<string> {
  const template = path.join(folder, name);
  await cp(builtTemplate, template, { recursive: true });
  await copyFile(`${builtTemplate}.json`, `${template}.json`);
  return template;
}

async function tableExists(database: Handle, table: string): Promise<boolean> {
  const result = await database.db.execute(sql`select to_regclass(${table}) is not null as found`);
  return (result as unknown as { rows: Array<{ found: boolean }> }).rows[0]?.found === true;
}

/** The migrations a database has recorded, or null when it has never been migrated. */
async function appliedMigrations(database: Handle): Promise<number | null> {
  if (!(await tableExists(database, "drizzle.__drizzle_migrations"))) return null;
  const result = await database.db.execute(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return (result as unknown as { rows: Array<{ count: number }> }).rows[0]?.count ?? 0;
}

describe("the embedded database", () => {
  it("refuses a second opener of the same DATA_DIR until the first closes it", async () => {
    const dataDir = await emptyDataDir();
    const first = await openDatabase({ databaseUrl: undefined, dataDir });
    await expect(openDatabase({ databaseUrl: undefined, dataDir })).rejects.toThrow(
      /Another process \(pid \d+\) is using the embedded database/,
    );
    await first.close();
    const second = await openDatabase({ databaseUrl: undefined, dataDir });
    await second.close();
  });

  it("waits for an owner that exits meanwhile (a server killed a moment ago), then opens", async () => {
    const dataDir = await emptyDataDir();
    const owner = spawn("sleep", ["600"]);
    await once(owner, "spawn");
    await writeFile(path.join(dataDir, "pglite.lock"), String(owner.pid));
    let warned: (line: string) => void = () => {};
    const waiting = new Promise<string>((resolve) => {
      warned = resolve;
    });
    const opening = openDatabase({ databaseUrl: undefined, dataDir, log: { warn: warned } });
    // An open that refuses at once fails here with its error.
    expect(await Promise.race([waiting, opening.then(() => "opened without waiting")])).toMatch(
      new RegExp(`Process ${owner.pid} holds the embedded database .*waiting up to 5 s`),
    );
    owner.kill("SIGKILL");
    const database = await opening;
    expect(await appliedMigrations(database)).toBeGreaterThan(0);
    await database.close();
  });

  it("takes over a lock naming its own pid that it did not take (a container restarted)", async () => {
    const dataDir = await emptyDataDir();
    await writeFile(path.join(dataDir, "pglite.lock"), String(process.pid));
    const database = await openDatabase({ databaseUrl: undefined, dataDir });
    await database.close();
  });

  it("starts a new DATA_DIR from the build's template, migrated, and reopens it as it was left", async () => {
    expect(existsSync(builtTemplate), `${builtTemplate} missing: run npm run build`).toBe(true);
    const dataDir = await emptyDataDir();
    const first = await openDatabase({ databaseUrl: undefined, dataDir });
    // Before this start migrates anything, the build's migrations are there.
    expect(await appliedMigrations(first)).toBe(readMigrationFiles({ migrationsFolder }).length);
    // The template holds WAL segments cut short; PostgreSQL takes every segment for a whole one.
    const walFolder = path.join(dataDir, "pglite/pg_wal");
    const segments = (await readdir(walFolder)).filter((name) => /^[0-9A-F]{24}$/.test(name));
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      expect((await stat(path.join(walFolder, segment))).size).toBe(16 * 1024 * 1024);
    }
    await first.migrate();
    await first.db.execute(sql`create table left_by_the_first_start (id int)`);
    await first.close();

    const second = await openDatabase({ databaseUrl: undefined, dataDir });
    expect(await tableExists(second, "left_by_the_first_start")).toBe(true);
    await second.close();
  });

  it("replaces what a start killed while copying the template left", async () => {
    const dataDir = await emptyDataDir();
    await mkdir(path.join(dataDir, "pglite.copying/base"), { recursive: true });
    await writeFile(path.join(dataDir, "pglite.copying/base/half-written"), "");
    const database = await openDatabase({ databaseUrl: undefined, dataDir });
    expect(await appliedMigrations(database)).toBeGreaterThan(0);
    await database.close();
    expect(existsSync(path.join(dataDir, "pglite.copying"))).toBe(false);
    expect(existsSync(path.join(dataDir, "pglite/base/half-written"))).toBe(false);
  });

  it("refuses a template it cannot copy, leaving no folder and no lock behind", async () => {
    const dataDir = await emptyDataDir();
    // The build's template with a file no copy can take (a pipe) half-way through it.
    const template = await copiedTemplate(dataDir, "broken");
    execFileSync("mkfifo", [path.join(template, "base/pipe")]);
    await expect(
      openDatabase({ databaseUrl: undefined, dataDir, pgliteTemplate: template }),
    ).rejects.toThrow(/could not copy .*broken \(Cannot copy a FIFO pipe.*npm run build/);
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
    expect(existsSync(path.join(dataDir, "pglite.copying"))).toBe(false);
    // The lock went with the refusal: the same process opens the folder from a good template.
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
    const log = { warn: vi.fn() };
    const database = await openDatabase({ databaseUrl: undefined, dataDir, log });
    await database.close();
    expect(log.warn).not.toHaveBeenCalled();
  });

  it("renames the template's spare into place instead of copying it, and leaves the next one after the start", async () => {
    const folder = await emptyDataDir();
    const template = await copiedTemplate(folder, "template");
    const spares = async () =>
      (await readdir(folder)).filter((name) => name.startsWith("template.spare-"));
    // Two processes preparing at once leave one spare, and nothing half-filled.
    await Promise.all([prepareSpare(template), prepareSpare(template)]);
    const [spare, ...more] = await spares();
    expect(spare).toBeDefined();
    expect(more).toEqual([]);
    // A mark only the spare carries: the start's folder is that very copy.
    await writeFile(path.join(folder, spare as string, "spare-mark"), "");
    const dataDir = path.join(folder, "data");
    const database = await openDatabase({
      databaseUrl: undefined,
      dataDir,
      pgliteTemplate: template,
    });
    expect(existsSync(path.join(dataDir, "pglite/spare-mark"))).toBe(true);
    expect(await spares()).toEqual([]);
    expect(await appliedMigrations(database)).toBe(readMigrationFiles({ migrationsFolder }).length);
    database.prepareNextFirstStart?.();
    await database.close();
    expect(await spares()).toEqual([spare]);
    expect(existsSync(path.join(folder, spare as string, "spare-mark"))).toBe(false);
  });

  it("copies the template when its spare is another build's", async () => {
    const folder = await emptyDataDir();
    const template = await copiedTemplate(folder, "template");
    // Made under another manifest: a schema this code may not know.
    await cp(builtTemplate, `${template}.spare-0123456789ab`, { recursive: true });
    await writeFile(path.join(`${template}.spare-0123456789ab`, "spare-mark"), "");
    const dataDir = path.join(folder, "data");
    const database = await openDatabase({
      databaseUrl: undefined,
      dataDir,
      pgliteTemplate: template,
    });
    expect(existsSync(path.join(dataDir, "pglite/spare-mark"))).toBe(false);
    expect(await appliedMigrations(database)).toBe(readMigrationFiles({ migrationsFolder }).length);
    await database.close();
  });

  it("says so and initialises the database itself when the template does not fit the code", async () => {
    const dataDir = await emptyDataDir();
    // A template built on another branch: a migration this code does not have.
    const template = path.join(dataDir, "other-branch");
    await mkdir(template);
    await writeFile(
      path.join(dataDir, "other-branch.json"),
      JSON.stringify({ migrationHashes: ["a migration of another branch"] }),
    );
    const log = { warn: vi.fn() };
    const database = await openDatabase({
      databaseUrl: undefined,
      dataDir,
      log,
      pgliteTemplate: template,
    });
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/other migrations.*npm run build/));
    expect(await appliedMigrations(database)).toBeNull();
    await database.migrate();
    expect(await appliedMigrations(database)).toBe(readMigrationFiles({ migrationsFolder }).length);
    await database.close();
  });
});
