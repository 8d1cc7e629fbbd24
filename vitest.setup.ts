import { vi } from "vitest";
import { createMigratedDatabase } from "@/lib/test/temp-db";

// `server-only` throws outside a React Server Component bundle; unit tests run server code directly.
vi.mock("server-only", () => ({}));

// Every test file gets its own real, migrated SQLite database, so files run in parallel safely.
process.env.DATABASE_URL = createMigratedDatabase();
process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef";
