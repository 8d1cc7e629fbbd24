import { handleImportUpload } from "@/lib/imports/upload";

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return handleImportUpload(request, slug);
}
