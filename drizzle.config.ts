import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  // Each feature folder owns its tables (docs/decisions.md).
  schema: "./server/*/schema.ts",
  out: "./server/db/migrations",
});
