import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const integration = ["server/**/*.test.ts", "shared/**/*.test.ts"];

const projects: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: "pglite",
      include: integration,
      provide: { databaseUrl: "" },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  },
  {
    test: {
      name: "e2e",
      include: ["e2e/**/*.test.ts"],
      testTimeout: 180_000,
      hookTimeout: 120_000,
    },
  },
];

// The same integration suite on a real PostgreSQL server when one is given.
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    test: {
      name: "postgres",
      include: integration,
      // The bus and config tests do not touch the database: once is enough. The first-start test
      // needs an empty database, which the shared one of this project is not.
      exclude: [
        "server/bus/**",
        "server/config.test.ts",
        "server/bootstrap.test.ts",
        "server/db/client.test.ts",
      ],
      globalSetup: ["server/test/postgres-setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  });
}

export default defineConfig({ test: { projects } });
