/** Server-side operator sessions: the cookie carries a random token, the table its hash. */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { findActiveOperator, type OperatorRow } from "../operators/operators.js";
import { sessions } from "./schema.js";

export const SESSION_COOKIE = "madoguchi_session";
export const SESSION_DAYS = 14;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function createSession(db: Database, operatorId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), operatorId, expiresAt });
  return token;
}

/** The operator of an unexpired session, unless they have been deactivated since. */
export async function findSessionOperator(
  db: Database,
  token: string,
): Promise<OperatorRow | null> {
  const [session] = await db
    .select({ operatorId: sessions.operatorId })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, new Date())));
  return session ? findActiveOperator(db, session.operatorId) : null;
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

/** Logs the operator out everywhere. */
export async function endSessionsOf(db: Database, operatorId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.operatorId, operatorId));
}
