/**
 * Cochrane RoB 2 for individually randomised parallel-group trials, effect of assignment
 * (intention to treat): the five domains, their signalling questions (paraphrased) and the
 * algorithms that propose each domain's judgement. Source: Higgins JPT, Savović J, Page MJ,
 * Sterne JAC, on behalf of the RoB2 Development Group. Revised Cochrane risk-of-bias tool for
 * randomized trials (RoB 2), full guidance document, 22 August 2019, the algorithm figures and
 * tables for domains 1–5; Sterne et al. BMJ 2019;366:l4898.
 */
import type { Judgement, Rob2Answer, RobItem } from "./tools";

const q = (id: string, text: string) => ({ id, text });

export const ROB2_DOMAINS: RobItem[] = [
  {
    id: "D1", label: "Randomisation process", domain: "Bias arising from the randomisation process",
    question: "Risk of bias arising from the randomisation process",
    questions: [
      q("1.1", "Was the allocation sequence random?"),
      q("1.2", "Was the allocation sequence concealed until participants were enrolled and assigned?"),
      q("1.3", "Did baseline differences between groups suggest a problem with the randomisation process?"),
    ],
  },
  {
    id: "D2", label: "Deviations from intended interventions", domain: "Bias due to deviations from intended interventions (effect of assignment)",
    question: "Risk of bias due to deviations from the intended interventions (effect of assignment to intervention)",
    questions: [
      q("2.1", "Were participants aware of their assigned intervention during the trial?"),
      q("2.2", "Were carers and people delivering the interventions aware of participants' assigned intervention?"),
      q("2.3", "If Y/PY/NI to 2.1 or 2.2: were there deviations from the intended intervention that arose because of the trial context?"),
      q("2.4", "If Y/PY to 2.3: were these deviations likely to have affected the outcome?"),
      q("2.5", "If Y/PY/NI to 2.4: were these deviations balanced between groups?"),
      q("2.6", "Was an appropriate analysis used to estimate the effect of assignment to intervention?"),
      q("2.7", "If N/PN/NI to 2.6: was there potential for a substantial impact (on the result) of the failure to analyse participants in the group to which they were randomised?"),
    ],
  },
  {
    id: "D3", label: "Missing outcome data", domain: "Bias due to missing outcome data",
    question: "Risk of bias due to missing outcome data",
    questions: [
      q("3.1", "Were data for this outcome available for all, or nearly all, participants randomised?"),
      q("3.2", "If N/PN/NI to 3.1: is there evidence that the result was not biased by missing outcome data?"),
      q("3.3", "If N/PN to 3.2: could missingness in the outcome depend on its true value?"),
      q("3.4", "If Y/PY/NI to 3.3: is it likely that missingness in the outcome depended on its true value?"),
    ],
  },
  {
    id: "D4", label: "Measurement of the outcome", domain: "Bias in measurement of the outcome",
    question: "Risk of bias in measurement of the outcome",
    questions: [
      q("4.1", "Was the method of measuring the outcome inappropriate?"),
      q("4.2", "Could measurement or ascertainment of the outcome have differed between intervention groups?"),
      q("4.3", "If N/PN/NI to 4.1 and 4.2: were outcome assessors aware of the intervention received by study participants?"),
      q("4.4", "If Y/PY/NI to 4.3: could assessment of the outcome have been influenced by knowledge of intervention received?"),
      q("4.5", "If Y/PY/NI to 4.4: is it likely that assessment of the outcome was influenced by knowledge of intervention received?"),
    ],
  },
  {
    id: "D5", label: "Selection of the reported result", domain: "Bias in selection of the reported result",
    question: "Risk of bias in selection of the reported result",
    questions: [
      q("5.1", "Were the data analysed in accordance with a pre-specified analysis plan finalised before unblinded outcome data were available for analysis?"),
      q("5.2", "Is the numerical result likely to have been selected from multiple eligible outcome measurements within the outcome domain?"),
      q("5.3", "Is the numerical result likely to have been selected from multiple eligible analyses of the data?"),
    ],
  },
];

type Answers = Record<string, string | undefined>;
type Proposal = Judgement | null;

const yes = (a?: string) => a === "Y" || a === "PY";
const no = (a?: string) => a === "N" || a === "PN";
const ni = (a?: string) => a === "NI";
const answered = (a?: string): a is Rob2Answer => a !== undefined && a !== "";

const worst = (...js: Proposal[]): Proposal => {
  if (js.some((j) => j === null)) return null;
  if (js.includes("HIGH")) return "HIGH";
  return js.includes("SOME_CONCERNS") ? "SOME_CONCERNS" : "LOW";
};

/** Domain 1 (guidance §1, algorithm): 1.2 decides first, then 1.3, then 1.1. */
export function proposeRob2D1(a: Answers): Proposal {
  if (!answered(a["1.2"]) || !answered(a["1.3"])) return null;
  if (no(a["1.2"])) return "HIGH";
  if (ni(a["1.2"])) return yes(a["1.3"]) ? "HIGH" : "SOME_CONCERNS";
  if (yes(a["1.3"])) return "SOME_CONCERNS";
  if (!answered(a["1.1"])) return null;
  return no(a["1.1"]) ? "SOME_CONCERNS" : "LOW";
}

/** Domain 2, effect of assignment: the worse of part 1 (2.1–2.5, deviations) and part 2 (2.6–2.7, analysis). */
export function proposeRob2D2(a: Answers): Proposal {
  let part1: Proposal;
  if (!answered(a["2.1"]) || !answered(a["2.2"])) part1 = null;
  else if (no(a["2.1"]) && no(a["2.2"])) part1 = "LOW";
  else if (!answered(a["2.3"])) part1 = null;
  else if (no(a["2.3"])) part1 = "LOW";
  else if (ni(a["2.3"])) part1 = "SOME_CONCERNS";
  else if (!answered(a["2.4"])) part1 = null;
  else if (no(a["2.4"])) part1 = "SOME_CONCERNS";
  else if (!answered(a["2.5"])) part1 = null;
  else part1 = yes(a["2.5"]) ? "SOME_CONCERNS" : "HIGH";

  let part2: Proposal;
  if (!answered(a["2.6"])) part2 = null;
  else if (yes(a["2.6"])) part2 = "LOW";
  else if (!answered(a["2.7"])) part2 = null;
  else part2 = no(a["2.7"]) ? "SOME_CONCERNS" : "HIGH";
  return worst(part1, part2);
}

/** Domain 3: complete data, or evidence of no bias, or missingness unrelated to the true value → low. */
export function proposeRob2D3(a: Answers): Proposal {
  if (!answered(a["3.1"])) return null;
  if (yes(a["3.1"])) return "LOW";
  if (!answered(a["3.2"])) return null;
  if (yes(a["3.2"])) return "LOW";
  if (!answered(a["3.3"])) return null;
  if (no(a["3.3"])) return "LOW";
  if (!answered(a["3.4"])) return null;
  return no(a["3.4"]) ? "SOME_CONCERNS" : "HIGH";
}

/** Domain 4: an inappropriate or group-dependent measurement is high; then assessor awareness. */
export function proposeRob2D4(a: Answers): Proposal {
  if (!answered(a["4.1"])) return null;
  if (yes(a["4.1"])) return "HIGH";
  if (!answered(a["4.2"])) return null;
  if (yes(a["4.2"])) return "HIGH";
  // With 4.2 = NI the best attainable judgement is "some concerns" rather than "low".
  const best: Judgement = ni(a["4.2"]) ? "SOME_CONCERNS" : "LOW";
  if (!answered(a["4.3"])) return null;
  if (no(a["4.3"])) return best;
  if (!answered(a["4.4"])) return null;
  if (no(a["4.4"])) return best;
  if (!answered(a["4.5"])) return null;
  return no(a["4.5"]) ? "SOME_CONCERNS" : "HIGH";
}

/** Domain 5: selection from multiple measurements or analyses is high; otherwise the plan decides. */
export function proposeRob2D5(a: Answers): Proposal {
  if (!answered(a["5.2"]) || !answered(a["5.3"])) return null;
  if (yes(a["5.2"]) || yes(a["5.3"])) return "HIGH";
  if (ni(a["5.2"]) || ni(a["5.3"])) return "SOME_CONCERNS";
  if (!answered(a["5.1"])) return null;
  return yes(a["5.1"]) ? "LOW" : "SOME_CONCERNS";
}

export const ROB2_ALGORITHMS: Record<string, (a: Answers) => Proposal> = {
  D1: proposeRob2D1,
  D2: proposeRob2D2,
  D3: proposeRob2D3,
  D4: proposeRob2D4,
  D5: proposeRob2D5,
};

/**
 * The proposed overall RoB 2 judgement: the worst domain (low only if every domain is low;
 * high if any is high; otherwise some concerns). The guidance also allows raising "some
 * concerns in multiple domains" to high; that is a rater's override with a justification.
 * Null while any domain is unjudged.
 */
export function proposeRob2Overall(domains: readonly (Judgement | null | undefined)[]): Proposal {
  if (domains.length === 0 || domains.some((d) => !d)) return null;
  return worst(...(domains as Judgement[]));
}
