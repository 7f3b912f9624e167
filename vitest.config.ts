import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const integration = ["server/**/*.test.ts", "shared/**/*.test.ts"];
/** Tests of several processes sharing one PostgreSQL and one Redis. */
const scaleOut = "server/**/*.scale-out.test.ts";
/** expect.poll waits for what a client observes; vitest's 1 s default is shorter than a busy
 *  machine (CI runs the files in parallel) takes to deliver it. */
const poll = { poll: { timeout: 15_000 } };
const serverTimeouts = { testTimeout: 30_000, hookTimeout: 60_000, expect: poll };

const projects: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: "pglite",
      include: integration,
      exclude: [...configDefaults.exclude, scaleOut],
      provide: { databaseUrl: "" },
      ...serverTimeouts,
    },
  },
  {
    test: {
      name: "e2e",
      include: ["e2e/**/*.test.ts"],
      testTimeout: 180_000,
      hookTimeout: 120_000,
      expect: poll,
    },
  },
];

// The same integration suite on a real PostgreSQL server when one is given.
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    test: {
      name: "postgres",
      include: integration,
      exclude: [
        ...configDefaults.exclude,
        scaleOut,
        // These do not touch a shared database (bus, configuration, the embedded database's lock)
        // or need an empty one of their own (the first start): running them once is enough.
        "server/bus/**",
        "server/config.test.ts",
        "server/bootstrap.test.ts",
        "server/db/client.test.ts",
      ],
      globalSetup: ["server/test/postgres-setup.ts"],
      ...serverTimeouts,
    },
  });
}

if (process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL) {
  projects.push({
    test: {
      name: "scale-out",
      include: [scaleOut],
      globalSetup: ["server/test/postgres-setup.ts"],
      ...serverTimeouts,
    },
  });
}

export default defineConfig({ test: { projects } });
