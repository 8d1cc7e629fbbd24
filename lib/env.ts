import { z } from "zod";

// Validated once at boot so a misconfigured deployment fails loudly rather than half-working.
const envSchema = z.object({
  DATABASE_URL: z.string().default("file:./data/sieve.db"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters (npm start writes one to .env)"),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(8),
  SIEVE_DATA_DIR: z.string().default("./data"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
