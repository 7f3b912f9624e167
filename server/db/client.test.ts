import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.js";

describe("the embedded database", () => {
  it("refuses a second opener of the same DATA_DIR until the first closes it", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "madoguchi-lock-"));
    const first = await openDatabase({ databaseUrl: undefined, dataDir });
    await expect(openDatabase({ databaseUrl: undefined, dataDir })).rejects.toThrow(
      /Another process \(pid \d+\) is using the embedded database/,
    );
    await first.close();
    const second = await openDatabase({ databaseUrl: undefined, dataDir });
    await second.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});
