import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { MAX_PDF_BYTES } from "@/lib/screening/schema";
import { saveFullTextFile } from "@/lib/screening/study-mutations";

/** Uploads live under SIEVE_DATA_DIR/uploads; the database stores paths relative to it. */
function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env().SIEVE_DATA_DIR, "uploads");
}

/** Resolves a stored relative path, refusing anything that would escape the uploads directory. */
function absolute(relative: string): string {
  const root = uploadsDir();
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("Stored path escapes the uploads directory.");
  return full;
}

/**
 * Checks an upload on its bytes, not only on the type the browser declared: the declared type
 * must be PDF, the size within the limit, and the content must start with the %PDF- magic number.
 */
export function checkPdf(bytes: Uint8Array, declaredType: string): void {
  if (declaredType && declaredType !== "application/pdf") throw new DomainError("Upload a PDF file.", { file: ["Upload a PDF file."] });
  if (bytes.byteLength === 0) throw new DomainError("The file is empty.", { file: ["The file is empty."] });
  if (bytes.byteLength > MAX_PDF_BYTES) throw new DomainError("The PDF is larger than 50 MB.", { file: ["The PDF is larger than 50 MB."] });
  const magic = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  if (magic !== "%PDF-") throw new DomainError("This file is not a PDF.", { file: ["This file is not a PDF."] });
}

/** Writes the PDF under a fresh random name (never the uploader's file name) and returns its relative path. */
export async function storePdf(reviewId: string, recordId: string, bytes: Uint8Array): Promise<string> {
  return storeUpload(reviewId, recordId, "pdf", bytes);
}

/** Any checked upload (PDF, figure image) under the review's folder, named `<owner>-<uuid>.<extension>`. */
export async function storeUpload(reviewId: string, ownerId: string, extension: string, bytes: Uint8Array): Promise<string> {
  const relative = path.join(reviewId.replace(/\W/g, ""), `${ownerId.replace(/\W/g, "")}-${randomUUID()}.${extension}`);
  const full = absolute(relative);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, bytes, { flag: "wx" });
  return relative;
}

export async function readStoredFile(relative: string): Promise<Buffer> {
  return readFile(absolute(relative));
}

/** Best effort: a replaced or withdrawn file is removed; a missing one is not an error. */
export async function removeStoredFile(relative: string): Promise<void> {
  try {
    await rm(absolute(relative), { force: true });
  } catch {
    // The database no longer points at it; a leftover file is harmless.
  }
}

/** Checks, stores and records an uploaded PDF; the replaced file, if any, is removed after the commit. */
export async function attachPdf(actorId: string, reviewId: string, recordId: string, bytes: Uint8Array, declaredType: string): Promise<void> {
  checkPdf(bytes, declaredType);
  const stored = await storePdf(reviewId, recordId, bytes);
  try {
    const { previousPath } = await writeTransaction((tx) => saveFullTextFile(tx, actorId, reviewId, recordId, stored));
    if (previousPath) await removeStoredFile(previousPath);
  } catch (error) {
    await removeStoredFile(stored);
    throw error;
  }
}
