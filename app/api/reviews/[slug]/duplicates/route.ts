import { handleDetectionRun } from "@/lib/dedup/detection-stream";

export async function POST(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleDetectionRun(slug);
}
