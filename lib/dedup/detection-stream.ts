import "server-only";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview } from "@/lib/auth/authorize";
import { runDeduplication } from "@/lib/dedup/mutations";
import type { DetectionEvent } from "@/lib/dedup/schema";

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * POST /api/reviews/[slug]/duplicates: runs duplicate detection and streams its progress as
 * newline-delimited JSON, so the page can show a real progress bar on large reviews. A route
 * handler rather than a server action because actions cannot stream; it authorises exactly as
 * reviewAction does ("manage": owners only).
 */
export async function handleDetectionRun(slug: string): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return json(401, { error: "You are signed out. Sign in again." });
  const access = await authorizeReview(user, slug, "manage");
  if (access === "not-found") return json(404, { error: "Not found." });
  if (access === "forbidden") return json(403, { error: "Only owners can run duplicate detection." });

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: DetectionEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      let last = 0;
      try {
        const summary = await writeTransaction(
          (tx) =>
            runDeduplication(tx, user.id, access.review.id, (p) => {
              // At most a few updates a second: the browser only needs to see the bar move.
              const now = Date.now();
              if (now - last < 150 && p.done !== p.total) return;
              last = now;
              send({ type: "progress", ...p });
            }),
          { timeout: 600_000, bulk: true },
        );
        revalidatePath(`/reviews/${access.review.slug}`, "layout");
        send({ type: "done", newRecords: summary.newRecords, groups: summary.groups.length, possiblePairs: summary.possiblePairs.length });
      } catch (error) {
        console.error(error);
        send({ type: "error", error: "Duplicate detection failed; nothing was changed. Try again, and report it if it keeps failing." });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
