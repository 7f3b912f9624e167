/**
 * Services' settings as every request reads them: kept in this process, and forgotten in every
 * process the moment one of them changes a service (a `service_changed` event on the bus), so
 * that two processes never disagree about, say, whether chat is on. A change commits first, then
 * tells everyone; a process that reads meanwhile reads the database again.
 */
import { type Bus, topics } from "../bus/bus.js";
import type { Database } from "../db/client.js";
import { findServiceIdByKey, loadService, type ServiceWithTexts } from "./services.js";

/** An event lost while the bus reconnected is healed by reading again after this long. */
const MAX_AGE_MS = 60_000;

interface Entry {
  service: Promise<ServiceWithTexts | null>;
  loadedAt: number;
}

export class ServiceCache {
  private readonly byId = new Map<string, Entry>();
  private readonly idByKey = new Map<string, string>();
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
  ) {}

  /** Listens for other processes' changes; resolves once that is live. */
  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(topics.services, (event) => {
      if (event.type === "service_changed") this.byId.delete(event.serviceId);
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The service with its texts, or null when there is none. */
  get(serviceId: string): Promise<ServiceWithTexts | null> {
    const entry = this.byId.get(serviceId);
    if (entry && Date.now() - entry.loadedAt < MAX_AGE_MS) return entry.service;
    const service = loadService(this.db, serviceId);
    const fresh = { service, loadedAt: Date.now() };
    this.byId.set(serviceId, fresh);
    // A failed read is not kept: the next request tries again.
    service.catch(() => {
      if (this.byId.get(serviceId) === fresh) this.byId.delete(serviceId);
    });
    return service;
  }

  /** The service of a public key (the embed code's, the help center's). Keys never change. */
  async byKey(key: string): Promise<ServiceWithTexts | null> {
    let id = this.idByKey.get(key);
    if (!id) {
      id = (await findServiceIdByKey(this.db, key)) ?? undefined;
      if (!id) return null;
      this.idByKey.set(key, id);
    }
    return this.get(id);
  }

  /** After a change to the service committed: this process and every other read it afresh. */
  async changed(serviceId: string): Promise<void> {
    this.byId.delete(serviceId);
    await this.bus.publish(topics.services, { type: "service_changed", serviceId });
  }
}
