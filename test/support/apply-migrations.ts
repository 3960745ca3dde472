import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";

// vitest.config.ts injects the SQL files of migrations/ as a test-only binding; it is not part
// of the Worker's Env, so it is read here rather than declared globally.
const { TEST_MIGRATIONS } = env as unknown as { TEST_MIGRATIONS: D1Migration[] };

// Setup files run before each test file; applying is idempotent (tracked in d1_migrations).
await applyD1Migrations(env.DB, TEST_MIGRATIONS);
