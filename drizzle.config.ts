import { defineConfig } from "drizzle-kit";

// Migrations are generated offline from the schema (`npx drizzle-kit generate --name <what>`) and
// applied at start-up by lib/db/client.ts for whichever driver is active (PGlite or PostgreSQL).
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/*.ts",
  out: "./drizzle",
  strict: true,
});
