/** How a service's widget may be embedded (PRODUCT.md, "Chat → embed code"): the site origins
 *  allowed to carry it, and whether chat is for the site's logged-in users only, with the secret
 *  the site signs them with. Each change is one transaction with its audit row. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { EmbedSettings } from "../../shared/api.js";
import { IDENTITY_SECRET_GRACE_HOURS } from "../../shared/limits.js";
import { recordChange } from "../audit/audit.js";
import type { Database, Transaction } from "../db/client.js";
import { services } from "./schema.js";
import type { ServiceRow } from "./services.js";

export function presentEmbedSettings(row: ServiceRow, embedCode: string): EmbedSettings {
  return {
    embedCode,
    allowedOrigins: row.allowedOrigins,
    loginRequired: row.loginRequired,
    identitySecretIssuedAt: row.identitySecretIssuedAt?.toISOString() ?? null,
    previousIdentitySecretUntil: previousSecretValid(row, new Date())
      ? (row.previousIdentitySecretUntil?.toISOString() ?? null)
      : null,
  };
}

/** The identity secrets a site may sign with now: the current one, and the one before it for
 *  the grace period after a rotation. */
export function identitySecretsOf(row: ServiceRow, now: Date): string[] {
  const previous = previousSecretValid(row, now) ? row.previousIdentitySecret : null;
  return previous ? [row.identitySecret, previous] : [row.identitySecret];
}

function previousSecretValid(row: ServiceRow, now: Date): boolean {
  return (
    Boolean(row.previousIdentitySecret && row.previousIdentitySecretUntil) &&
    (row.previousIdentitySecretUntil as Date) > now
  );
}

export interface EmbedChange {
  /** Already in their one spelling (shared/api.ts siteOrigin); repeats are dropped. */
  allowedOrigins?: string[];
  loginRequired?: boolean;
}

/** Changes what was given; null when the service does not exist. */
export async function updateEmbedSettings(
  db: Database,
  actorId: string,
  serviceId: string,
  change: EmbedChange,
): Promise<ServiceRow | null> {
  return db.transaction(async (tx) => {
    const before = await lockedService(tx, serviceId);
    if (!before) return null;
    const after = await changeService(tx, serviceId, {
      allowedOrigins: change.allowedOrigins ? [...new Set(change.allowedOrigins)] : undefined,
      loginRequired: change.loginRequired,
    });
    await recordChange(tx, {
      actorId,
      serviceId,
      subject: "service",
      subjectId: serviceId,
      action: "changed",
      before: { allowedOrigins: before.allowedOrigins, loginRequired: before.loginRequired },
      after: { allowedOrigins: after.allowedOrigins, loginRequired: after.loginRequired },
    });
    return after;
  });
}

/**
 * A new identity secret, to be shown once. The secret it replaces stays valid for the grace
 * period, so that the site can change over without its users being refused meanwhile; a secret
 * the console never showed is dropped at once, since no site can hold it. The audit row says when,
 * never what the secret is.
 */
export async function rotateIdentitySecret(
  db: Database,
  actorId: string,
  serviceId: string,
): Promise<{ service: ServiceRow; identitySecret: string } | null> {
  return db.transaction(async (tx) => {
    const before = await lockedService(tx, serviceId);
    if (!before) return null;
    const now = new Date();
    const identitySecret = randomBytes(32).toString("hex");
    const shown = before.identitySecretIssuedAt !== null;
    const after = await changeService(tx, serviceId, {
      identitySecret,
      identitySecretIssuedAt: now,
      previousIdentitySecret: shown ? before.identitySecret : null,
      previousIdentitySecretUntil: shown
        ? new Date(now.getTime() + IDENTITY_SECRET_GRACE_HOURS * 3_600_000)
        : null,
    });
    await recordChange(tx, {
      actorId,
      serviceId,
      subject: "service",
      subjectId: serviceId,
      action: "identity_secret_rotated",
      before: { identitySecretIssuedAt: before.identitySecretIssuedAt?.toISOString() ?? null },
      after: {
        identitySecretIssuedAt: now.toISOString(),
        previousIdentitySecretUntil: after.previousIdentitySecretUntil?.toISOString() ?? null,
      },
    });
    return { service: after, identitySecret };
  });
}

/** The service, locked until the transaction ends, so that two changes of it take turns. */
async function lockedService(tx: Transaction, serviceId: string): Promise<ServiceRow | null> {
  const [row] = await tx.select().from(services).where(eq(services.id, serviceId)).for("update");
  return row ?? null;
}

async function changeService(
  tx: Transaction,
  serviceId: string,
  values: Partial<ServiceRow>,
): Promise<ServiceRow> {
  const [row] = await tx.update(services).set(values).where(eq(services.id, serviceId)).returning();
  if (!row) throw new Error("update returned no service");
  return row;
}
