import type { Metadata } from "next";
import { StagePage } from "../stage-page";

export const metadata: Metadata = { title: "Full-text screening" };

export default async function FullTextPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <StagePage slug={slug} stage="FULL_TEXT" />;
}
