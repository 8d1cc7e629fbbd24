import { NextResponse } from "next/server";
import { decideAction } from "@/lib/screening/actions";
import { actionResponse } from "@/lib/screening/http";

/**
 * POST {stage, recordId, decision, reasonId?, note?, exclude?}: the decide action over JSON, for
 * scripts and the benchmark. The slug comes from the URL and overrides any in the body, so the
 * review authorized is the one addressed.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ ok: false, error: "Send a JSON body." }, { status: 400 });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return NextResponse.json({ ok: false, error: "Send a JSON object." }, { status: 400 });
  return actionResponse(await decideAction({ ...(body as Record<string, unknown>), slug }));
}
