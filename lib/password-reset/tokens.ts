import { createHash, randomBytes } from "node:crypto";

/**
 * 256 random bits, so the stored SHA-256 needs no salt or slow hash: nobody can guess a token
 * from its hash, and the table alone (a backup, a leaked copy) holds no working link.
 */
export function createResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

export const hashResetToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
