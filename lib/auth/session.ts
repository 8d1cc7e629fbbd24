import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/sql";
import { env } from "@/lib/env";

export type { CurrentUser } from "@/lib/auth/authorize";
import type { CurrentUser } from "@/lib/auth/authorize";

/** next-auth's session cookie: the __Secure- name when served over HTTPS. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

type SessionClaims = { sub: string; exp: number | null };

/**
 * Decrypted session cookies, by cookie text. Decrypting costs an HKDF key derivation and an
 * AES-GCM open (about a millisecond, most of a screening decision's time outside the database),
 * and a browser sends the same cookie with every request until next-auth rotates it. The text
 * decrypts to the same claims every time, so keeping them changes nothing a request may do: the
 * expiry is compared with the clock on every call, and the account and its memberships are
 * re-read from the database on every request. Only cookies that decrypted are kept, at most
 * SESSION_CACHE_SIZE (oldest dropped first); a cache built for another secret is never consulted.
 */
const SESSION_CACHE_SIZE = 2000;
const decrypted = new Map<string, SessionClaims>();
let decryptedFor = "";

async function sessionClaims(raw: string): Promise<SessionClaims | null> {
  const secret = env().NEXTAUTH_SECRET;
  if (decryptedFor !== secret) {
    decrypted.clear();
    decryptedFor = secret;
  }
  const known = decrypted.get(raw);
  if (known) return known;
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token?.sub) return null;
  const claims = { sub: token.sub, exp: typeof token.exp === "number" ? token.exp : null };
  if (decrypted.size >= SESSION_CACHE_SIZE) decrypted.delete(decrypted.keys().next().value as string);
  decrypted.set(raw, claims);
  return claims;
}

/**
 * The signed-in user: the session JWT is decrypted and its expiry checked here, then the account
 * is re-read so a deleted account loses access at once. Decoding the cookie directly costs a
 * fraction of getServerSession, which builds next-auth's whole request handler on every call;
 * `cache` makes the layout and the page of one request share the lookup. The account is read with
 * plain SQL (lib/sql.ts): this runs on every request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const claims = await sessionClaims(raw);
  if (!claims || (claims.exp !== null && claims.exp * 1000 <= Date.now())) return null;
  const rows = await queryRows<CurrentUser>(db, Prisma.sql`SELECT "id", "email", "name" FROM "User" WHERE "id" = ${claims.sub}`);
  return rows[0] ?? null;
});

/** For page loaders: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
