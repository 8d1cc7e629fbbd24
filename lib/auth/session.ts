import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/sql";
import { env } from "@/lib/env";

export type { CurrentUser } from "@/lib/auth/authorize";
import type { CurrentUser } from "@/lib/auth/authorize";

/** next-auth's session cookie: the __Secure- name when served over HTTPS. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

type SessionClaims = { sub: string; exp: number | null; sessionVersion: number };

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
  const claims = { sub: token.sub, exp: typeof token.exp === "number" ? token.exp : null, sessionVersion: token.sv ?? 0 };
  if (decrypted.size >= SESSION_CACHE_SIZE) decrypted.delete(decrypted.keys().next().value as string);
  decrypted.set(raw, claims);
  return claims;
}

/**
 * The signed-in user: the session JWT is decrypted and its expiry checked here, then the account
 * is re-read so a deleted account loses access at once, and a session signed in before the
 * password last changed (an older sessionVersion) loses it too. Decoding the cookie directly costs a
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
  const rows = await queryRows<CurrentUser & { sessionVersion: number }>(db, Prisma.sql`SELECT "id", "email", "name", "sessionVersion" FROM "User" WHERE "id" = ${claims.sub}`);
  if (!rows[0] || Number(rows[0].sessionVersion) !== claims.sessionVersion) return null;
  const { sessionVersion: _version, ...user } = rows[0];
  return user;
});

/**
 * After the signed-in person changes their own password, which ends every session of theirs, this
 * re-issues the browser's own session cookie with the new version so that this session goes on.
 * Only for server actions and route handlers, where cookies can be set.
 */
export async function keepThisSession(sessionVersion: number) {
  const jar = await cookies();
  const name = SESSION_COOKIES.find((n) => jar.get(n)?.value);
  const token = name ? await decode({ token: jar.get(name)!.value, secret: env().NEXTAUTH_SECRET }).catch(() => null) : null;
  if (!name || !token) return;
  const maxAge = env().SESSION_MAX_AGE_HOURS * 3600;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret: env().NEXTAUTH_SECRET, maxAge });
  jar.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Secure-"), maxAge });
}

/** For page loaders: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
