import { z } from "zod";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * SMTP is optional: a self-hosted Sieve may have no mail server, and then invitation and reset
 * links are shown to pass on instead. One connection URL (as nodemailer reads it) keeps the
 * settings to a single secret; smtps:// means TLS from the start (port 465), smtp:// upgrades
 * with STARTTLS when the server offers it.
 */
const mailEnvSchema = z
  .object({
    SMTP_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^smtps?$/, error: "SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465" }).optional()),
    SMTP_FROM: z.preprocess(blankToUndefined, z.string().trim().regex(/@/, "SMTP_FROM must hold a sender address, e.g. Sieve <sieve@lab.example.org>").optional()),
    NEXTAUTH_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: "NEXTAUTH_URL must be the server's public http(s) address" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.SMTP_URL) return;
    if (!v.SMTP_FROM) ctx.addIssue({ code: "custom", path: ["SMTP_FROM"], message: "SMTP_URL is set, so SMTP_FROM (the sender address) is needed too" });
    // Links in e-mails must not be built from a request's Host header, which a client can forge
    // (a reset link pointing at someone else's server).
    if (!v.NEXTAUTH_URL) ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "SMTP_URL is set, so NEXTAUTH_URL (the public address e-mailed links point to) is needed too" });
  });

export type MailConfig = { url: string; from: string; publicUrl: string };

/** Null when SMTP is not configured; throws (naming the variable, never its value) when it is misconfigured. */
export function mailConfigFrom(source: Record<string, string | undefined>): MailConfig | null {
  const parsed = mailEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid mail settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { SMTP_URL, SMTP_FROM, NEXTAUTH_URL } = parsed.data;
  if (!SMTP_URL || !SMTP_FROM || !NEXTAUTH_URL) return null;
  return { url: SMTP_URL, from: SMTP_FROM, publicUrl: NEXTAUTH_URL.replace(/\/+$/, "") };
}

/** Read on each call rather than cached: cheap, and tests switch SMTP on and off. */
export function mailConfig(): MailConfig | null {
  return mailConfigFrom(process.env);
}

export const mailEnabled = () => mailConfig() !== null;
