import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type { CurrentUser } from "@/lib/auth/authorize";
import type { CurrentUser } from "@/lib/auth/authorize";

/** next-auth's session cookie: the __Secure- name when served over HTTPS. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user: the session JWT is decrypted and its expiry checked here, then the account
 * is re-read so a deleted account loses access at once. Decoding the cookie directly costs a
 * fraction of getServerSession, which builds next-auth's whole request handler on every call;
 * `cache` makes the layout and the page of one request share the lookup.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET }).catch(() => null);
  if (!token?.sub || (typeof token.exp === "number" && token.exp * 1000 <= Date.now())) return null;
  return db.user.findUnique({ where: { id: token.sub }, select: { id: true, email: true, name: true } });
});

/** For page loaders: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
