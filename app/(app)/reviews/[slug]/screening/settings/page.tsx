import type { Metadata } from "next";
import { requireReviewAccess } from "@/lib/auth/access";
import { getProtocol } from "@/lib/reviews/data";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Screening settings" };

export default async function ScreeningSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review } = await requireReviewAccess(slug, "manage");
  const { settings } = await getProtocol(review.id);
  return <SettingsForm slug={review.slug} settings={settings} />;
}
