import "server-only";
import { z } from "zod";
import { db, writeTransaction } from "@/lib/db";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview } from "@/lib/auth/authorize";
import { DomainError } from "@/lib/errors";
import { ParseError, type BibRecord } from "@/lib/formats/record";
import { importFileBytes } from "@/lib/imports/mutations";
import { parseOffThread } from "@/lib/imports/parse-off-thread";
import { maxUploadBytes, uploadFieldsSchema } from "@/lib/imports/schema";

const json = (status: number, body: unknown) => Response.json(body, { status });
const PREVIEW_RECORDS = 5;
const PREVIEW_WARNINGS = 50;

function megabytes(bytes: number) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/**
 * POST /api/reviews/[slug]/imports (multipart: files[], searchId, format, mode=preview|commit).
 * A route handler rather than a server action so the browser can report upload progress.
 * It authorises and validates itself, exactly as reviewAction does.
 */
export async function handleImportUpload(request: Request, slug: string): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return json(401, { error: "You are signed out. Sign in again." });
  const access = await authorizeReview(user, slug, "manage");
  if (access === "not-found") return json(404, { error: "Not found." });
  if (access === "forbidden") return json(403, { error: "Only owners can import records." });

  const limit = maxUploadBytes();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit) return json(413, { error: `The upload is ${megabytes(declared)}; the limit is ${megabytes(limit)} (SIEVE_MAX_UPLOAD_MB).` });

  const form = await request.formData();
  const fields = uploadFieldsSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!fields.success) return json(400, { error: "Please correct the highlighted fields.", fieldErrors: z.flattenError(fields.error).fieldErrors });
  const files = form.getAll("files").filter((f): f is File => f instanceof File);
  if (files.length === 0) return json(400, { error: "Choose at least one export file." });
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > limit) return json(413, { error: `The files add up to ${megabytes(total)}; the limit is ${megabytes(limit)} (SIEVE_MAX_UPLOAD_MB).` });

  const search = await db.search.findFirst({ where: { id: fields.data.searchId, reviewId: access.review.id } });
  if (!search) return json(400, { error: "Choose one of this review's searches.", fieldErrors: { searchId: ["Unknown search."] } });

  // Files are parsed a batch at a time in the import worker (parseOffThread): other users' requests
  // never wait behind a parse, and a 100,000-record export never has all its records, nor its
  // whole decoded text, in memory at once.
  const alreadyImported = await db.record.count({ where: { import: { searchId: search.id } } });
  const countWarningFor = (recordCount: number) =>
    search.reportedHits !== null && alreadyImported + recordCount !== search.reportedHits
      ? `${search.database} reported ${search.reportedHits} hits, but ${alreadyImported ? `${alreadyImported} already imported plus ` : ""}${recordCount} parsed here make ${alreadyImported + recordCount}.`
      : null;
  let current = "";
  try {
    if (fields.data.mode === "preview") {
      const previews = [];
      for (const file of files) {
        current = file.name;
        const first: BibRecord[] = [];
        const job = { options: { format: fields.data.format, fileName: file.name }, rows: false, keep: PREVIEW_RECORDS };
        const parsed = await parseOffThread(new Uint8Array(await file.arrayBuffer()), job, (batch) => void first.push(...(batch.first ?? [])));
        // Over-long fields first: they are the warning a person must not miss before importing.
        const summary = { ...parsed, warnings: [...parsed.lengthWarnings, ...parsed.warnings] };
        previews.push({ fileName: file.name, summary, first });
      }
      return json(200, {
        countWarning: countWarningFor(previews.reduce((n, p) => n + p.summary.recordCount, 0)),
        files: previews.map(({ fileName, summary, first }) => ({
          fileName,
          format: summary.format,
          encoding: summary.encoding,
          records: summary.recordCount,
          warnings: summary.warnings.slice(0, PREVIEW_WARNINGS),
          moreWarnings: Math.max(0, summary.warnings.length - PREVIEW_WARNINGS),
          preview: first.map((r) => ({
            title: r.title,
            authors: r.authors.slice(0, 3).map((a) => a.family).join(", ") + (r.authors.length > 3 ? " et al." : ""),
            year: r.year ?? null,
            journal: r.journal ?? r.journalAbbrev ?? "",
            doi: r.doi ?? "",
          })),
        })),
      });
    }

    const imports = await writeTransaction(
      async (tx) => {
        const stored = [];
        for (const file of files) {
          current = file.name;
          const bytes = new Uint8Array(await file.arrayBuffer());
          stored.push(await importFileBytes(tx, user.id, access.review.id, search.id, { fileName: file.name, bytes, format: fields.data.format }));
        }
        return stored;
      },
      { timeout: 600_000, bulk: true },
    );
    return json(200, { countWarning: countWarningFor(imports.reduce((n, i) => n + i.records, 0)), imports });
  } catch (error) {
    if (error instanceof ParseError) return json(422, { error: `${current}: ${error.message}. Nothing was imported.` });
    if (error instanceof DomainError) return json(400, { error: error.message });
    throw error;
  }
}
