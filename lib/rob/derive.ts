/**
 * Proposing a judgement from signalling answers, and the rules a saved rating must obey.
 * Pure: the rating form, the mutations and the CSV import all use these.
 */
import { ROB2_ALGORITHMS } from "./rob2";
import type { Judgement, RobItem, RobTool } from "./tools";

type Answers = Record<string, string | undefined>;

/**
 * SYRCLE's rule (Hooijmans et al. 2014, Table 3 notes): any relevant signalling question
 * answered "no" makes the item high risk, all answered "yes" low, anything else unclear.
 * Questions answered NA are not relevant and ignored. Questions sharing a `group` are
 * alternatives: the group is yes if any member is yes, no only if every answered member is no.
 * Returns null until every question has an answer (or the item has no signalling questions).
 */
export function proposeYesNoJudgement(item: RobItem, answers: Answers): Judgement | null {
  if (item.questions.length === 0) return null;
  if (item.questions.some((q) => !answers[q.id])) return null;
  const units = new Map<string, string[]>();
  for (const q of item.questions) {
    const key = q.group ?? q.id;
    units.set(key, [...(units.get(key) ?? []), answers[q.id]!]);
  }
  const verdicts = [...units.values()]
    .map((group) => group.filter((a) => a !== "NA"))
    .filter((group) => group.length > 0)
    .map((group) => (group.includes("Y") ? "Y" : group.every((a) => a === "N") ? "N" : "U"));
  // A group satisfied by its alternative (7.1 no but 7.2 yes) needs nothing else; an "if not"
  // follow-up (8.2–8.4) is answered NA when the first question was yes.
  if (verdicts.length === 0) return "UNCLEAR";
  if (verdicts.includes("N")) return "HIGH";
  return verdicts.every((v) => v === "Y") ? "LOW" : "UNCLEAR";
}

/** The judgement the signalling answers propose for one item of a tool, or null if incomplete. */
export function proposeJudgement(tool: RobTool, item: RobItem, answers: Answers): Judgement | null {
  if (tool.id === "ROB2" && ROB2_ALGORITHMS[item.id]) return ROB2_ALGORITHMS[item.id](answers);
  return proposeYesNoJudgement(item, answers);
}

export const ALLOWED_ANSWERS: Record<RobTool["id"], readonly string[]> = {
  SYRCLE: ["Y", "N", "U", "NA"],
  CAMARADES: ["Y", "N", "U", "NA"],
  ROB2: ["Y", "PY", "PN", "N", "NI", "NA"],
};

export type RatingInput = { item: string; judgement: string; answers: Answers; support: string; overrideReason: string };
export type RatingCheck = { ok: true; derived: Judgement | null } | { ok: false; field: string; message: string };

/**
 * A rating is valid when its item belongs to the tool, its judgement is one of the tool's,
 * its answers are the tool's answer codes for the item's questions, a low or high judgement
 * carries a supporting quote or note, and a judgement that differs from the proposed one
 * gives a reason. The overall judgement (item "overall") follows the same rules.
 */
export function checkRating(tool: RobTool, input: RatingInput, proposedOverall?: Judgement | null): RatingCheck {
  const item = tool.items.find((i) => i.id === input.item);
  if (!item && input.item !== "overall") return { ok: false, field: "item", message: `Unknown item "${input.item}" for ${tool.name}.` };
  if (!(tool.judgements as readonly string[]).includes(input.judgement))
    return { ok: false, field: "judgement", message: `Judgement must be one of ${tool.judgements.join(", ")} (got "${input.judgement}").` };
  if (item) {
    const ids = new Set(item.questions.map((q) => q.id));
    for (const [id, answer] of Object.entries(input.answers)) {
      if (!ids.has(id)) return { ok: false, field: "answers", message: `Item ${item.id} has no signalling question ${id}.` };
      if (answer && !ALLOWED_ANSWERS[tool.id].includes(answer))
        return { ok: false, field: "answers", message: `Answer to ${id} must be one of ${ALLOWED_ANSWERS[tool.id].join(", ")}.` };
    }
  }
  const judgement = input.judgement as Judgement;
  if ((judgement === "LOW" || judgement === "HIGH") && !input.support.trim())
    return { ok: false, field: "support", message: "A low or high judgement needs a supporting quote or note." };
  const derived = item ? proposeJudgement(tool, item, input.answers) : (proposedOverall ?? null);
  if (derived && derived !== judgement && !input.overrideReason.trim())
    return { ok: false, field: "overrideReason", message: `The answers propose ${derived}; give a reason for judging ${judgement}.` };
  return { ok: true, derived };
}

/** Worst of a set of judgements (low < unclear/some concerns < high); null if any is missing. */
export function worstJudgement(judgements: readonly (Judgement | null | undefined)[]): Judgement | null {
  if (judgements.length === 0 || judgements.some((j) => !j)) return null;
  if (judgements.includes("HIGH")) return "HIGH";
  if (judgements.includes("SOME_CONCERNS")) return "SOME_CONCERNS";
  if (judgements.includes("UNCLEAR")) return "UNCLEAR";
  return "LOW";
}
