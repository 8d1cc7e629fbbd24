import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db, writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { checkThrottle, clearAccountFailures, recordFailure, WARN_WHEN_LEFT } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/users/schema";

export const TOO_MANY_ATTEMPTS = "Too many failed sign-in attempts. Try again in 15 minutes.";
export const BAD_CREDENTIALS = "Wrong e-mail or password.";
export const attemptsLeftWarning = (left: number) =>
  `${BAD_CREDENTIALS} ${left} attempt${left === 1 ? "" : "s"} left before sign-in to this account is paused for 15 minutes.`;

export function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  if (typeof value === "string" && value) return value.split(",")[0].trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real ? real : null;
}

/**
 * Checks the account's throttle before the password so a locked-out account costs no scrypt
 * work. A locked address refuses only wrong passwords: a colleague behind the same proxy with
 * the right password for an unlocked account still gets in.
 */
export async function authorizeCredentials(raw: unknown, address: string | null) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new Error(BAD_CREDENTIALS);
  const { email, password } = parsed.data;
  const throttle = await checkThrottle(db, email, address);
  if (throttle.accountLocked) throw new Error(TOO_MANY_ATTEMPTS);
  const user = await db.user.findUnique({ where: { email } });
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    const left = await writeTransaction((tx) => recordFailure(tx, email, address));
    if (throttle.addressLocked || left === 0) throw new Error(TOO_MANY_ATTEMPTS);
    throw new Error(left <= WARN_WHEN_LEFT ? attemptsLeftWarning(left) : BAD_CREDENTIALS);
  }
  await writeTransaction((tx) => clearAccountFailures(tx, email));
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE_HOURS * 3600;
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, clientAddress(req?.headers)),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
