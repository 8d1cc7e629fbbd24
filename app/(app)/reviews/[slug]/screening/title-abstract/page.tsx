import type { Metadata } from "next";
import { StagePage } from "../stage-page";

export const metadata: Metadata = { title: "Title/abstract screening" };

export default async function TitleAbstractPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <StagePage slug={slug} stage="TITLE_ABSTRACT" />;
}
