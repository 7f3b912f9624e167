/**
 * An installation for a server process to run on: its database prepared through the domain
 * functions (a service and online operators; there is no API to create them yet), and the
 * environment that points the server at it.
 */
import { type Database, openDatabase } from "../server/db/client.js";
import { createOperator, setOperatorStatus } from "../server/operators/operators.js";
import { addMember, createService } from "../server/services/services.js";

export interface Installation {
  env: Record<string, string>;
  serviceKey: string;
  operators: Array<{ email: string; password: string }>;
  /** Reads the database while no server runs on it (PGlite allows one process at a time). */
  read<T>(query: (db: Database) => Promise<T>): Promise<T>;
}

export async function seedInstallation(options: {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  operators: number;
}): Promise<Installation> {
  const { dataDir, databaseUrl } = options;
  const read = async <T>(query: (db: Database) => Promise<T>) => {
    const handle = await openDatabase({ dataDir, databaseUrl });
    try {
      await handle.migrate();
      return await query(handle.db);
    } finally {
      await handle.close();
    }
  };
  const password = "operator-password";
  const { serviceKey, operators } = await read(async (db) => {
    const service = await createService(db, {
      name: "Load test service",
      chatEnabled: true,
      texts: [{ language: "en", greeting: "Hello! An operator will be with you shortly." }],
    });
    const operators = [];
    for (let index = 0; index < options.operators; index++) {
      const email = `operator-${index}@example.com`;
      const operator = await createOperator(db, {
        email,
        name: `Operator ${index}`,
        password,
        role: "operator",
      });
      await addMember(db, { operatorId: operator.id, serviceId: service.id });
      await setOperatorStatus(db, operator.id, "online");
      operators.push({ email, password });
    }
    return { serviceKey: service.key, operators };
  });
  return {
    env: {
      DATA_DIR: dataDir,
      PORT: String(options.port),
      SESSION_SECRET: "the same secret across restarts, long enough",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    serviceKey,
    operators,
    read,
  };
}
