/**
 * Where attachments' bytes live (docs/decisions.md 49): files under DATA_DIR beside the embedded
 * database, and rows of attachment_chunks on PostgreSQL, the one storage every process of a
 * scale-out installation already shares. Never one bytea value in PGlite: a 10 MB file took 2.7 s
 * and 1.9 GB of memory there.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { attachmentChunks } from "./schema.js";

export interface AttachmentStore {
  /** Stores the bytes under the id; on a failure of the source nothing is left behind. */
  write(id: string, bytes: AsyncIterable<Buffer>): Promise<void>;
  read(id: string): Readable;
  remove(id: string): Promise<void>;
}

export function attachmentStore(
  db: Database,
  config: { databaseUrl?: string; dataDir: string },
): AttachmentStore {
  return config.databaseUrl
    ? new ChunkStore(db)
    : new FileStore(path.join(config.dataDir, "attachments"));
}

/** One file per attachment, written under a temporary name and renamed once complete, so that a
 *  crash mid-upload never leaves half a file under an id. */
class FileStore implements AttachmentStore {
  constructor(private readonly folder: string) {}

  async write(id: string, bytes: AsyncIterable<Buffer>): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const file = path.join(this.folder, id);
    try {
      await pipeline(Readable.from(bytes), createWriteStream(`${file}.part`));
      await rename(`${file}.part`, file);
    } catch (error) {
      await rm(`${file}.part`, { force: true });
      throw error;
    }
  }

  read(id: string): Readable {
    return createReadStream(path.join(this.folder, id));
  }

  async remove(id: string): Promise<void> {
    await rm(path.join(this.folder, id), { force: true });
  }
}

/** Rows of 256 KB: each statement and each read holds one chunk, whatever the file's size. */
const CHUNK_BYTES = 256 * 1024;

class ChunkStore implements AttachmentStore {
  constructor(private readonly db: Database) {}

  async write(id: string, bytes: AsyncIterable<Buffer>): Promise<void> {
    let position = 0;
    const insert = (chunk: Buffer) =>
      this.db
        .insert(attachmentChunks)
        .values({ attachmentId: id, position: position++, bytes: chunk });
    try {
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const piece of bytes) {
        pending.push(piece);
        pendingBytes += piece.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const joined = Buffer.concat(pending);
          await insert(joined.subarray(0, CHUNK_BYTES));
          pending = [joined.subarray(CHUNK_BYTES)];
          pendingBytes = joined.length - CHUNK_BYTES;
        }
      }
      if (pendingBytes > 0) await insert(Buffer.concat(pending));
    } catch (error) {
      await this.remove(id);
      throw error;
    }
  }

  read(id: string): Readable {
    const { db } = this;
    return Readable.from(
      (async function* () {
        for (let position = 0; ; position++) {
          const [row] = await db
            .select({ bytes: attachmentChunks.bytes })
            .from(attachmentChunks)
            .where(
              and(eq(attachmentChunks.attachmentId, id), eq(attachmentChunks.position, position)),
            );
          if (!row) return;
          yield Buffer.from(row.bytes);
        }
      })(),
    );
  }

  async remove(id: string): Promise<void> {
    await this.db.delete(attachmentChunks).where(eq(attachmentChunks.attachmentId, id));
  }
}
