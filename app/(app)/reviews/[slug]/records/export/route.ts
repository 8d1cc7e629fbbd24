import { handleRecordsExport } from "@/lib/records/export";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleRecordsExport(request, slug);
}
