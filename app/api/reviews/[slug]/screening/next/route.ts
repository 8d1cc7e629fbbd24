import { nextRecordsAction } from "@/lib/screening/actions";
import { actionResponse } from "@/lib/screening/http";

/** GET ?stage=TITLE_ABSTRACT&exclude=id…: the next records needing my vote, through the same gate as the action. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  return actionResponse(await nextRecordsAction({ slug, stage: query.get("stage") ?? "", exclude: query.getAll("exclude") }));
}
