import { hasCapability, type Role } from "@/lib/auth/roles";
import type { ReviewSettings, Stage } from "@/lib/reviews/schema";

type Event = { actorId: string | null; entity: string; before: unknown; after: unknown };

const stageOf = (value: unknown) => (value && typeof value === "object" ? ((value as Record<string, unknown>).stage as Stage | undefined) : undefined);

/**
 * An owner who also screens could otherwise read colleagues' votes and notes in the audit log
 * while screening is blinded. For such a viewer, other people's screening votes (and bulk steps)
 * at a blinded stage, and their notes while any stage is blinded, keep who and when but lose
 * their content. Owners who do not screen see everything, as they adjudicate.
 */
export function redactBlindedEvents<E extends Event>(events: E[], viewer: { id: string; roles: readonly Role[] }, settings: ReviewSettings): (E & { redacted: boolean })[] {
  const screens = hasCapability(viewer.roles, "screen");
  const blinded = { TITLE_ABSTRACT: settings.titleAbstract.blinded, FULL_TEXT: settings.fullText.blinded };
  const anyBlinded = blinded.TITLE_ABSTRACT || blinded.FULL_TEXT;
  const hides = (e: Event) => {
    if (!screens || e.actorId === viewer.id) return false;
    if (e.entity === "RecordNote") return anyBlinded;
    if (e.entity !== "ScreeningDecision") return false;
    const stage = stageOf(e.after) ?? stageOf(e.before);
    return stage ? blinded[stage] : anyBlinded;
  };
  return events.map((e) => (hides(e) ? { ...e, before: null, after: null, redacted: true } : { ...e, redacted: false }));
}
