/**
 * Services and operators for a run, written straight into the database with the server's own
 * schema and domain functions before the server starts (there is no HTTP API for creating
 * operators, and an embedded database can only be opened by one process at a time). Operators are
 * online, members of one service each, with a chat limit high enough for the run, and each gets a
 * session: the cookie their console would have after `POST /api/auth/login`.
 */

import { createSession, SESSION_COOKIE } from "../../server/auth/sessions.js";
import { openDatabase } from "../../server/db/client.js";
import { hashPassword } from "../../server/operators/passwords.js";
import { createService } from "../../server/services/services.js";
import { memberships, operators } from "../../server/test/tables.js";

export interface Seeded {
  serviceKeys: string[];
  /** `madoguchi_session=…`, one per operator. */
  operatorCookies: string[];
}

export async function seed(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  services: number;
  operators: number;
  chatLimit: number;
}): Promise<Seeded> {
  const handle = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    await handle.migrate();
    const { db } = handle;
    const services: Awaited<ReturnType<typeof createService>>[] = [];
    for (let index = 0; index < options.services; index++) {
      services.push(
        await createService(db, {
          name: `Bench service ${index + 1}`,
          chatEnabled: true,
          texts: [
            {
              language: "en",
              greeting: "Hello! Thank you for contacting us. An operator will be with you shortly.",
            },
          ],
        }),
      );
    }
    // One argon2id hash for all: hashing is not what is measured, and nobody logs in with it.
    const passwordHash = await hashPassword("bench-operator-password");
    const rows = await db
      .insert(operators)
      .values(
        Array.from({ length: options.operators }, (_, index) => ({
          email: `bench-operator-${index + 1}@example.com`,
          name: `Bench Operator ${index + 1}`,
          role: "operator" as const,
          passwordHash,
          status: "online" as const,
          chatLimit: options.chatLimit,
        })),
      )
      .returning({ id: operators.id });
    await db.insert(memberships).values(
      rows.map((row, index) => ({
        operatorId: row.id,
        serviceId: (services[index % services.length] as { id: string }).id,
      })),
    );
    const operatorCookies = [];
    for (const row of rows) {
      operatorCookies.push(`${SESSION_COOKIE}=${await createSession(db, row.id)}`);
    }
    return { serviceKeys: services.map((service) => service.key), operatorCookies };
  } finally {
    await handle.close();
  }
}
