/**
 * Risk-of-bias tools as data. Judgements are stored uniformly as LOW / UNCLEAR / HIGH
 * (RoB 2: LOW / SOME_CONCERNS / HIGH). For SYRCLE and CAMARADES a "yes" answer to an item's
 * question means low risk, "no" high risk and "unclear" unclear (Hooijmans et al. 2014, p. 5:
 * "'yes' indicates low risk of bias; 'no' indicates high risk of bias"), so storing the risk
 * rather than the raw answer is what stops "No" from being read as "not applicable" downstream.
 */
import { ROB2_DOMAINS } from "./rob2";

export type ToolId = "SYRCLE" | "ROB2" | "CAMARADES";
export type Judgement = "LOW" | "SOME_CONCERNS" | "UNCLEAR" | "HIGH";
/** SYRCLE / CAMARADES signalling answers; NA = the question is not relevant to this study. */
export type YesNoAnswer = "Y" | "N" | "U" | "NA";
/** RoB 2 signalling answers (Sterne et al. 2019). */
export type Rob2Answer = "Y" | "PY" | "PN" | "N" | "NI" | "NA";

export type SignallingQuestion = {
  id: string;
  text: string;
  /**
   * Questions sharing a group are alternative routes to "yes" (SYRCLE items 7 and 9 offer
   * two): the group counts as yes if any member is yes, as no only if every answered member is no.
   */
  group?: string;
};

export type RobItem = {
  /** "1".."10" for SYRCLE and CAMARADES, "D1".."D5" for RoB 2, the owner's id for custom items. */
  id: string;
  label: string;
  biasType?: string;
  domain?: string;
  question: string;
  questions: SignallingQuestion[];
  guidance?: string;
};

export type RobTool = {
  id: ToolId;
  name: string;
  citation: string;
  judgements: readonly Judgement[];
  items: RobItem[];
  /** Whether the tool defines an overall judgement (RoB 2 does; SYRCLE and CAMARADES do not). */
  definesOverall: boolean;
};

/**
 * SYRCLE's risk of bias tool for animal studies: Hooijmans CR, Rovers MM, de Vries RBM,
 * Leenaars M, Ritskes-Hoitinga M, Langendam MW. BMC Med Res Methodol 2014;14:43
 * (doi:10.1186/1471-2288-14-43, PMC4230647), Tables 2 and 3, paraphrased.
 */
export const SYRCLE: RobTool = {
  id: "SYRCLE",
  name: "SYRCLE risk of bias tool",
  citation: "Hooijmans CR et al. SYRCLE's risk of bias tool for animal studies. BMC Med Res Methodol 2014;14:43.",
  judgements: ["LOW", "UNCLEAR", "HIGH"],
  definesOverall: false,
  items: [
    {
      id: "1", label: "Sequence generation", biasType: "Selection bias", domain: "Sequence generation",
      question: "Was the allocation sequence adequately generated and applied?",
      questions: [{ id: "1.1", text: "Did the investigators describe a random component in generating the sequence (e.g. a random number table or a computer random number generator)?" }],
      guidance: "Non-random allocation (by judgement of the investigator, or by some system such as odd/even or date) answers no.",
    },
    {
      id: "2", label: "Baseline characteristics", biasType: "Selection bias", domain: "Baseline characteristics",
      question: "Were the groups similar at baseline or were they adjusted for confounders in the analysis?",
      questions: [
        { id: "2.1", text: "Were the relevant baseline characteristics (e.g. sex, age, weight, baseline value of the outcome) balanced between intervention and control groups?" },
        { id: "2.2", text: "If relevant, did the investigators adjust adequately for an unequal distribution of relevant baseline characteristics in the analysis?" },
        { id: "2.3", text: "Was the timing of disease induction adequate (e.g. induced before the animals were allocated, or identical in all groups)?" },
      ],
    },
    {
      id: "3", label: "Allocation concealment", biasType: "Selection bias", domain: "Allocation concealment",
      question: "Was the allocation adequately concealed?",
      questions: [{ id: "3.1", text: "Could the investigator allocating the animals not foresee the assignment, because of a method such as third-party coding of experimental and control groups or sequentially numbered, opaque, sealed envelopes?" }],
    },
    {
      id: "4", label: "Random housing", biasType: "Performance bias", domain: "Random housing",
      question: "Were the animals randomly housed during the experiment?",
      questions: [
        { id: "4.1", text: "Did the authors place the cages or animals randomly within the animal room or facility?" },
        { id: "4.2", text: "Is it unlikely that housing the animals non-randomly influenced the outcome or its measurement?" },
      ],
    },
    {
      id: "5", label: "Blinding (performance)", biasType: "Performance bias", domain: "Blinding",
      question: "Were the caregivers and/or investigators blinded to which intervention each animal received during the experiment?",
      questions: [
        { id: "5.1", text: "Was blinding of caregivers and investigators ensured, and is it unlikely that the blinding could have been broken?" },
      ],
      guidance: "E.g. identically looking solutions, randomised housing, or an ID on the cage that hides the group.",
    },
    {
      id: "6", label: "Random outcome assessment", biasType: "Detection bias", domain: "Random outcome assessment",
      question: "Were animals selected at random for outcome assessment?",
      questions: [{ id: "6.1", text: "Did the investigators pick the animals at random for outcome assessment, or use a random component in the order of assessment?" }],
    },
    {
      id: "7", label: "Blinding (detection)", biasType: "Detection bias", domain: "Blinding",
      question: "Was the outcome assessor blinded?",
      questions: [
        { id: "7.1", text: "Was blinding of the outcome assessor ensured, and is it unlikely that the blinding could have been broken?", group: "blind" },
        { id: "7.2", text: "If the assessor was not blinded: is the outcome (or its measurement) unlikely to be influenced by the lack of blinding?", group: "blind" },
      ],
    },
    {
      id: "8", label: "Incomplete outcome data", biasType: "Attrition bias", domain: "Incomplete outcome data",
      question: "Were incomplete outcome data adequately addressed?",
      questions: [
        { id: "8.1", text: "Were all animals included in the analysis?", group: "complete" },
        { id: "8.2", text: "If not: are the reasons for missing outcome data unlikely to be related to the true outcome?" },
        { id: "8.3", text: "If not: are missing outcome data balanced in numbers across groups, with similar reasons?" },
        { id: "8.4", text: "If not: were missing data imputed using appropriate methods?" },
      ],
      guidance: "When all animals were analysed, answer the other questions NA.",
    },
    {
      id: "9", label: "Selective outcome reporting", biasType: "Reporting bias", domain: "Selective outcome reporting",
      question: "Are reports of the study free of selective outcome reporting?",
      questions: [
        { id: "9.1", text: "Is the protocol available, with all of its pre-specified primary and secondary outcomes reported in the current manuscript?", group: "reported" },
        { id: "9.2", text: "If no protocol is available: is it clear that the published report includes all expected outcomes (i.e. all outcomes named in the methods are reported)?", group: "reported" },
      ],
    },
    {
      id: "10", label: "Other sources of bias", biasType: "Other", domain: "Other",
      question: "Was the study apparently free of other problems that could result in high risk of bias?",
      questions: [
        { id: "10.1", text: "Was the study free of contamination (e.g. pooling of drugs)?" },
        { id: "10.2", text: "Was the study free of inappropriate influence of funders?" },
        { id: "10.3", text: "Was the study free of unit-of-analysis errors?" },
        { id: "10.4", text: "Were design-specific risks of bias absent?" },
        { id: "10.5", text: "Were no new animals added to the control or experimental groups to replace drop-outs?" },
      ],
    },
  ],
};

/**
 * The CAMARADES 10-item study quality checklist: Macleod MR, O'Collins T, Howells DW,
 * Donnan GA. Pooling of animal experimental data reveals influence of study design and
 * publication bias. Stroke 2004;35:1203–8. Each item is met (yes → LOW) or not (no → HIGH).
 */
export const CAMARADES: RobTool = {
  id: "CAMARADES",
  name: "CAMARADES quality checklist",
  citation: "Macleod MR et al. Stroke 2004;35:1203-8.",
  judgements: ["LOW", "UNCLEAR", "HIGH"],
  definesOverall: false,
  items: [
    ["1", "Peer-reviewed publication", "Was the study published in a peer-reviewed journal?"],
    ["2", "Temperature control", "Does the report state that temperature was controlled?"],
    ["3", "Random allocation", "Were animals randomly allocated to treatment or control?"],
    ["4", "Blinded induction", "Was the model (e.g. ischaemia) induced blind to the allocation?"],
    ["5", "Blinded outcome assessment", "Was the outcome assessed blind to the allocation?"],
    ["6", "Suitable anaesthetic", "Was an anaesthetic without marked intrinsic protective activity used (e.g. not ketamine)?"],
    ["7", "Appropriate animal model", "Was an appropriate model used (e.g. aged, diabetic or hypertensive animals)?"],
    ["8", "Sample size calculation", "Does the report describe a sample size calculation?"],
    ["9", "Animal welfare compliance", "Does the report state compliance with animal welfare regulations?"],
    ["10", "Conflict of interest statement", "Does the report include a statement of potential conflicts of interest?"],
  ].map(([id, label, question]) => ({ id, label, question, questions: [{ id: `${id}.1`, text: question }] })),
};

export const ROB2: RobTool = {
  id: "ROB2",
  name: "Cochrane RoB 2 (parallel-group trials)",
  citation: "Sterne JAC et al. RoB 2: a revised tool for assessing risk of bias in randomised trials. BMJ 2019;366:l4898.",
  judgements: ["LOW", "SOME_CONCERNS", "HIGH"],
  definesOverall: true,
  items: ROB2_DOMAINS,
};

export const TOOLS: Record<ToolId, RobTool> = { SYRCLE, ROB2, CAMARADES };

export type CustomItem = { id: string; label: string; question: string };

/** The review's tool with its owner-added items appended; custom items take yes/no/unclear like SYRCLE's. */
export function reviewTool(tool: ToolId, customItems: readonly CustomItem[] = []): RobTool {
  const base = TOOLS[tool];
  const taken = new Set(base.items.map((i) => i.id));
  const extra = customItems
    .filter((c) => !taken.has(c.id))
    .map((c) => ({ id: c.id, label: c.label, domain: "Custom", question: c.question || c.label, questions: [] }));
  return { ...base, items: [...base.items, ...extra] };
}

/** Order for weighted kappa and plots: low < unclear/some concerns < high (issue #12). */
export const JUDGEMENT_ORDER: Record<Judgement, number> = { LOW: 0, UNCLEAR: 1, SOME_CONCERNS: 1, HIGH: 2 };

export function judgementLabel(j: Judgement): string {
  return { LOW: "Low", UNCLEAR: "Unclear", SOME_CONCERNS: "Some concerns", HIGH: "High" }[j];
}
