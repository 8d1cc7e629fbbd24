import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { slugify, uniqueSlug } from "@/lib/reviews/slug";
import {
  DEFAULT_EXCLUSION_REASONS,
  defaultReviewSettings,
  type CreateReviewInput,
  type UpdateProtocolInput,
} from "@/lib/reviews/schema";

type ReasonSpec = { label: string; stage: "TITLE_ABSTRACT" | "FULL_TEXT" | "BOTH" };

/** The creator is always an owner; `extraRoles` adds e.g. REVIEWER so they can screen at once. */
export async function createReview(tx: Tx, ownerId: string, input: CreateReviewInput, reasons: ReasonSpec[] = DEFAULT_EXCLUSION_REASONS, extraRoles: readonly Role[] = []) {
  const base = slugify(input.title);
  const taken = await tx.review.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  const slug = uniqueSlug(base, new Set(taken.map((r) => r.slug)));
  const review = await tx.review.create({ data: { ...input, slug, settings: defaultReviewSettings() } });
  for (const role of new Set<Role>(["OWNER", ...extraRoles])) await tx.membership.create({ data: { reviewId: review.id, userId: ownerId, role } });
  await tx.exclusionReason.createMany({ data: reasons.map((r, position) => ({ reviewId: review.id, ...r, position })) });
  await recordAudit(tx, { reviewId: review.id, actorId: ownerId, entity: "Review", entityId: review.id, action: "create", after: review });
  return review;
}

/**
 * Reasons are matched by label so screening decisions keep pointing at the same row; a reason
 * that a decision already cites cannot be removed, since that would rewrite the decision's meaning.
 */
async function syncExclusionReasons(tx: Tx, reviewId: string, wanted: ReasonSpec[]) {
  const current = await tx.exclusionReason.findMany({ where: { reviewId } });
  const byLabel = new Map(current.map((r) => [r.label.toLowerCase(), r]));
  const keep = new Set<string>();
  for (const [position, reason] of wanted.entries()) {
    const existing = byLabel.get(reason.label.toLowerCase());
    if (existing) {
      keep.add(existing.id);
      await tx.exclusionReason.update({ where: { id: existing.id }, data: { label: reason.label, stage: reason.stage, position } });
    } else {
      await tx.exclusionReason.create({ data: { reviewId, ...reason, position } });
    }
  }
  const removed = current.filter((r) => !keep.has(r.id));
  if (removed.length) {
    const inUse = await tx.screeningDecision.findFirst({ where: { reasonId: { in: removed.map((r) => r.id) } }, select: { reasonId: true } });
    const usedByResolution = await tx.screeningResolution.findFirst({ where: { reasonId: { in: removed.map((r) => r.id) } }, select: { reasonId: true } });
    const used = removed.find((r) => r.id === (inUse?.reasonId ?? usedByResolution?.reasonId));
    if (used) throw new DomainError(`"${used.label}" is cited by screening decisions and cannot be removed; rename it instead.`);
    await tx.exclusionReason.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
  }
  return { before: current.map((r) => ({ label: r.label, stage: r.stage })), after: wanted };
}

/** Merges the two per-stage lists: a label in both becomes one "BOTH" reason. */
export function mergeReasonLists(titleAbstract: string[], fullText: string[]): ReasonSpec[] {
  const ft = new Set(fullText.map((l) => l.toLowerCase()));
  const ta = new Set(titleAbstract.map((l) => l.toLowerCase()));
  return [
    ...titleAbstract.map((label) => ({ label, stage: ft.has(label.toLowerCase()) ? ("BOTH" as const) : ("TITLE_ABSTRACT" as const) })),
    ...fullText.filter((l) => !ta.has(l.toLowerCase())).map((label) => ({ label, stage: "FULL_TEXT" as const })),
  ];
}

export async function updateProtocol(tx: Tx, actorId: string, reviewId: string, input: UpdateProtocolInput) {
  const { slug: _slug, titleAbstractReasons, fullTextReasons, ...fields } = input;
  const before = await tx.review.findUniqueOrThrow({ where: { id: reviewId } });
  const after = await tx.review.update({ where: { id: reviewId }, data: fields });
  const reasons =
    titleAbstractReasons === undefined && fullTextReasons === undefined ? null : await syncExclusionReasons(tx, reviewId, mergeReasonLists(titleAbstractReasons ?? [], fullTextReasons ?? []));
  const pick = (r: typeof before) => Object.fromEntries(Object.keys(fields).map((k) => [k, r[k as keyof typeof r]]));
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "Protocol",
    entityId: reviewId,
    action: "update",
    before: reasons ? { ...pick(before), exclusionReasons: reasons.before } : pick(before),
    after: reasons ? { ...pick(after), exclusionReasons: reasons.after } : pick(after),
  });
  return after;
}
