import { vi } from "vitest";

// `server-only` throws outside a React Server Component bundle; unit tests run server code directly.
vi.mock("server-only", () => ({}));
