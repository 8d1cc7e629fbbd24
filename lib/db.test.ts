import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/options";
import { accountKey } from "@/lib/auth/rate-limit";
import { databaseUrl } from "@/lib/database-url";
import { DATABASE_BUSY, db, writeTransaction } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";

/** A write transaction that creates a user, then stays open until `release` is called, then fails. */
function openFailingTransaction() {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let opened = () => {};
  const open = new Promise<void>((resolve) => (opened = resolve));
  const email = `${newId()}@example.org`;
  const done = writeTransaction(async (tx) => {
    await tx.user.create({ data: { email, name: "Half an import", passwordHash: "x" } });
    opened();
    await held;
    throw new Error("the import failed");
  }).catch((error: Error) => error.message);
  return { email, open, release, done };
}

describe("the database clients", () => {
  it("show a read outside a write transaction only what is committed, never the open transaction's rows", async () => {
    const tx = openFailingTransaction();
    await tx.open;
    // On one shared connection this read ran inside the open transaction and found the user.
    expect(await db.user.findUnique({ where: { email: tx.email } })).toBeNull();
    tx.release();
    expect(await tx.done).toBe("the import failed");
    expect(await db.user.findUnique({ where: { email: tx.email } })).toBeNull();
  });

  it("keep a write made while another transaction is open when that one rolls back", async () => {
    const tx = openFailingTransaction();
    await tx.open;
    const email = `${newId()}@example.org`;
    // A failed sign-in counts against the address even while an owner's import holds the write lock.
    const signIn = authorizeCredentials({ email, password: "wrong password" }, "192.0.2.7").catch((error: Error) => error.message);
    // Time for the sign-in to reach its write: on one shared connection it ran inside the open transaction.
    await new Promise((resolve) => setTimeout(resolve, 300));
    tx.release();
    expect(await tx.done).toBe("the import failed");
    expect(await signIn).toBeTruthy();
    expect(await db.loginThrottle.findUnique({ where: { key: accountKey(email) } })).toMatchObject({ failures: 1 });
  });
});

describe("a write transaction that cannot get the database", () => {
  it("fails with a message saying nothing was saved, when this process held the writer past maxWait", async () => {
    const tx = openFailingTransaction();
    await tx.open;
    const email = `${newId()}@example.org`;
    const waited = writeTransaction((t) => t.user.create({ data: { email, name: "Vote", passwordHash: "x" } }), { maxWait: 200 }).catch((error: Error) => error);
    // Prisma notices the wait only once the writer is free again.
    await new Promise((resolve) => setTimeout(resolve, 400));
    tx.release();
    await tx.done;
    const error = await waited;
    expect(error).toBeInstanceOf(DomainError);
    expect((error as Error).message).toBe(DATABASE_BUSY);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("fails the same way when another process holds SQLite's write lock past the busy timeout", async () => {
    const other = new Database(databaseUrl().slice("file:".length));
    other.exec("BEGIN IMMEDIATE");
    try {
      await expect(writeTransaction(async () => "never")).rejects.toThrow(DATABASE_BUSY);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  }, 20_000);
});
