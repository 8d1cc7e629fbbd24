import "server-only";
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview, type ReviewAccess } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/roles";
import { FORBIDDEN, NOT_FOUND, NOT_SIGNED_IN, type ActionResult } from "@/lib/action";

/**
 * Access for route handlers (PDFs, CSV, the JSON API), which no page loader guards: the same
 * authorizeReview as every action, with non-members getting 404 like a review that does not exist.
 */
export async function routeAccess(slug: string, capability: Capability): Promise<ReviewAccess | NextResponse> {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ ok: false, error: NOT_SIGNED_IN }, { status: 401 });
  const access = await authorizeReview(user, slug, capability);
  if (access === "not-found") return NextResponse.json({ ok: false, error: NOT_FOUND }, { status: 404 });
  if (access === "forbidden") return NextResponse.json({ ok: false, error: FORBIDDEN }, { status: 403 });
  return access;
}

// "no-transform" keeps Next's gzip off these answers: a decision's answer is one record (a couple
// of kilobytes), and compressing it cost a tenth of the server's time per decision (bench:screening).
const JSON_HEADERS = { "cache-control": "no-store, no-transform" };

/** An action's result as JSON, with the HTTP status its failure deserves. */
export function actionResponse<T>(result: ActionResult<T>): NextResponse {
  if (result.ok) return NextResponse.json(result, { headers: JSON_HEADERS });
  const status = result.error === NOT_SIGNED_IN ? 401 : result.error === NOT_FOUND ? 404 : result.error === FORBIDDEN ? 403 : 422;
  return NextResponse.json(result, { status, headers: JSON_HEADERS });
}
