import "server-only";
import { db } from "@/lib/db";
import { DEMO_AUDIT_ENTITY, demoStages, type DemoSeed, type DemoStage } from "./stages";

export type DemoNotice = { seed: DemoSeed; stages: DemoStage[] };

/** Whether a review is a demo, and what each stage holds (the seed's data or nothing, to try). */
export async function getDemoNotice(reviewId: string): Promise<DemoNotice | null> {
  const event = await db.auditEvent.findFirst({ where: { reviewId, entity: DEMO_AUDIT_ENTITY, action: "create" }, select: { after: true } });
  const seed = (event?.after as { seed?: DemoSeed } | null)?.seed;
  if (seed !== "001" && seed !== "000") return null;
  // Stages are derived from the committed facts, so an older demo shows today's wording.
  return { seed, stages: demoStages(seed) };
}
