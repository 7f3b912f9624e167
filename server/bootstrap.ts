/** What the first start of an installation creates: a demo service and an administrator. */
import { sql } from "drizzle-orm";
import { generatePassword } from "./auth/passwords.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { countOperators, createOperator } from "./operators/operators.js";
import { addMember, createService } from "./services/services.js";
import { getSetting, putSetting } from "./settings/settings.js";

const BOOTSTRAP_LOCK = 7_316_002;

export interface FirstStart {
  adminEmail: string;
  /** Printed once when it was generated; null when ADMIN_PASSWORD gave it. */
  generatedPassword: string | null;
}

/** Returns what it created, or null when the installation already has operators. */
export function bootstrap(database: Database, config: Config): Promise<FirstStart | null> {
  return database.transaction(async (db) => {
    // Processes starting together on one PostgreSQL take turns; the second finds the admin.
    await db.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    return firstStart(db, config);
  });
}

async function firstStart(db: Database, config: Config): Promise<FirstStart | null> {
  if ((await countOperators(db)) > 0) return null;
  const password = config.adminPassword ?? generatePassword();
  const admin = await createOperator(db, {
    email: config.adminEmail,
    name: "Administrator",
    password,
    role: "administrator",
  });
  if (!(await getSetting(db, "demoServiceKey"))) {
    const service = await createService(db, {
      name: "Demo service",
      chatEnabled: true,
      greeting: "Hello! Thank you for contacting us. An operator will be with you shortly.",
      satisfactionMessage: "How satisfied are you with this chat? Please rate it.",
    });
    await addMember(db, { operatorId: admin.id, serviceId: service.id, chatPermission: true });
    await putSetting(db, "demoServiceKey", service.key);
  }
  return {
    adminEmail: admin.email,
    generatedPassword: config.adminPassword ? null : password,
  };
}
