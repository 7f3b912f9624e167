import type { FastifyBaseLogger } from "fastify";
import type { AttachmentStore } from "./attachments/storage.js";
import type { Bus } from "./bus/bus.js";
import type { MessageWriter } from "./chats/message-writer.js";
import type { Config } from "./config.js";
import type { CustomerTokens } from "./customers/customer-token.js";
import type { Database } from "./db/client.js";
import type { Presence } from "./presence/presence.js";
import type { ServiceCache } from "./services/cache.js";

/** What every feature needs from the running app, passed down explicitly (no globals). */
export interface AppContext {
  config: Config;
  db: Database;
  bus: Bus;
  log: FastifyBaseLogger;
  customerTokens: CustomerTokens;
  presence: Presence;
  /** Services' settings, kept per process and forgotten everywhere on a change. */
  services: ServiceCache;
  messageWriter: MessageWriter;
  /** Where attachments' bytes are kept: DATA_DIR, or PostgreSQL shared by every process. */
  attachments: AttachmentStore;
}
