import { defineConfig } from "drizzle-kit";

// Only used to generate SQL migrations; wrangler applies them (npm start, deploy, tests).
export default defineConfig({
  dialect: "sqlite",
  schema: "./workers/db/schema.ts",
  out: "./migrations",
});
