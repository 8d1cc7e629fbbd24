/**
 * npm run bench:extraction — 20 extractors saving forms (50 characteristic fields; 10 outcomes ×
 * 3 time points × 4 groups = 120 arms as reported) against 500 studies in a real SQLite file,
 * then the consensus view of studies that both their extractors submitted.
 *
 * Each extractor works on the form for a while between saves (think time, uniform between 0.5
 * and 1.5 × BENCH_THINK_MS, default 1 s: far faster than anyone fills in 170 values), as in
 * bench:screening; BENCH_THINK_MS=0 makes it a closed-loop stress test (20 saves always in
 * flight), which measures queueing on SQLite's single writer rather than a save's latency.
 *
 * A "save" is what saveMyExtractionAction does after reading the session: authorizeReview,
 * then saveMyEntry in a write transaction (Zod + plausibility validation of every answer and
 * arm, the upsert and its audit row). The 20 extractors run concurrently in one process, so
 * saves queue on SQLite's single writer as they would on one server; the figure is the latency
 * each extractor sees. Each extractor saves each of its studies once in progress, then submits it.
 * The consensus view is getConsensusView (both entries, the field-by-field comparison).
 *
 * Env: BENCH_STUDIES (500), BENCH_EXTRACTORS (20), BENCH_STUDIES_PER_EXTRACTOR (50),
 * BENCH_THINK_MS (1000).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMigratedDatabase } from "../lib/test/temp-db";

const STUDIES = Number(process.env.BENCH_STUDIES ?? 500);
const EXTRACTORS = Number(process.env.BENCH_EXTRACTORS ?? 20);
const PER_EXTRACTOR = Number(process.env.BENCH_STUDIES_PER_EXTRACTOR ?? 50);
const OUTCOMES = 10;
const TIMEPOINTS = ["2 w", "4 w", "8 w"];
const GROUPS = 4;
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const think = () => new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));

process.env.DATABASE_URL = createMigratedDatabase();
process.env.SIEVE_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "sieve-bench-data-"));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (label: string, times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  if (!s.length) return `${label}: none measured`;
  return `${label}: n=${s.length} median ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

async function main() {
  const { db, writeTransaction } = await import("../lib/db");
  const { authorizeReview } = await import("../lib/auth/authorize");
  const { saveForm, saveMyEntry, saveOutcome } = await import("../lib/extraction/mutations");
  const { getConsensusView } = await import("../lib/extraction/data");
  const { createUser } = await import("../lib/users/mutations");
  const { createReview } = await import("../lib/reviews/mutations");
  type FormDefinition = import("../lib/extraction/schema").FormDefinition;

  const owner = await createUser(db, { email: "owner@bench.test", name: "Owner", password: "long-enough-password" });
  const review = await writeTransaction((tx) => createReview(tx, owner.id, { title: "Extraction benchmark", question: "", population: "", intervention: "", comparator: "", outcomes: "", studyDesigns: "", registrationId: "", inclusionCriteria: "", exclusionCriteria: "" }));
  const extractors = [];
  for (let i = 0; i < EXTRACTORS; i++) {
    const user = await createUser(db, { email: `extractor${i}@bench.test`, name: `Extractor ${i}`, password: "long-enough-password" });
    await db.membership.create({ data: { reviewId: review.id, userId: user.id, role: "REVIEWER" } });
    extractors.push(user);
  }
  const kinds = ["TEXT", "INTEGER", "NUMBER", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO", "LONG_TEXT", "DATE"] as const;
  const fields = Array.from({ length: 50 }, (_, i) => ({ id: `f${i}`, type: kinds[i % kinds.length], label: `Characteristic ${i}`, help: "", required: i < 5, options: ["Rat", "Mouse", "Rabbit"], unit: "", locator: true, min: 0, max: 1e6 }));
  const definition: FormDefinition = { name: "Bench form", sections: [{ id: "chars", title: "Characteristics", fields }, { id: "data", title: "Outcomes", fields: [{ id: "outcome_data", type: "OUTCOME_DATA", label: "Outcome data", help: "", required: false, options: [], unit: "", locator: false }] }] };
  const actorOwner = { id: owner.id, reviewId: review.id };
  await writeTransaction((tx) => saveForm(tx, actorOwner, definition));
  for (let o = 0; o < OUTCOMES; o++) await writeTransaction((tx) => saveOutcome(tx, actorOwner, { name: `Outcome ${o}`, unit: "mg", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS", units: [] }));
  await db.study.createMany({ data: Array.from({ length: STUDIES }, (_, i) => ({ reviewId: review.id, label: `Study ${String(i + 1).padStart(3, "0")}` })) });
  const studies = await db.study.findMany({ where: { reviewId: review.id }, orderBy: { label: "asc" }, select: { id: true } });

  const answer = (f: (typeof fields)[number], seed: number) => {
    const value =
      f.type === "INTEGER" ? 10 + (seed % 50) : f.type === "NUMBER" ? 1.5 + (seed % 7) : f.type === "SINGLE_CHOICE" ? f.options[seed % 3] : f.type === "MULTIPLE_CHOICE" ? [f.options[seed % 3]]
      : f.type === "YES_NO" ? seed % 2 === 0 : f.type === "DATE" ? "2021-03-04" : `Answer ${seed} to ${f.label}`;
    return { value, locator: `p ${1 + (seed % 9)}` };
  };
  const outcomeData = (seed: number) => {
    const groups = Array.from({ length: GROUPS }, (_, g) => ({ id: `g${g}`, name: g === 0 ? "Control" : `Dose ${g}`, model: "OVX", treatment: g === 0 ? "PBS" : "EV", isControl: g === 0, isSham: false, n: 8, descriptors: { dose: `${g} mg/kg` } }));
    const comparisons = groups.slice(1).map((g) => ({ id: `c${g.id}`, label: `${g.name} vs Control`, treatmentGroupIds: [g.id], controlGroupId: "g0", sharedControl: "SPLIT" as const }));
    const arms = [];
    for (let o = 0; o < OUTCOMES; o++)
      for (const timepoint of TIMEPOINTS)
        for (const g of groups) {
          const mean = 10 + o + g.n * 0.1 + (seed % 5);
          // Mixed reporting: SD, SE, CI and median/IQR, as papers do.
          const data = o % 4 === 0 ? { n: 8, mean, sd: 2.1 } : o % 4 === 1 ? { n: 8, mean, se: 0.7 } : o % 4 === 2 ? { n: 8, mean, ciLower: mean - 1.5, ciUpper: mean + 1.5 } : { n: 8, median: mean, q1: mean - 1, q3: mean + 1.2 };
          arms.push({ experimentId: "x1", groupId: g.id, outcome: `Outcome ${o}`, timepoint, data: { ...data, unit: "" }, locator: `Fig ${o + 1}` });
        }
    return { experiments: [{ id: "x1", label: "Experiment 1", totalN: 32, groups, comparisons }], arms, effects: [] };
  };

  // Study s goes to extractors (s mod E) and (s + 1 mod E): every study has two extractors.
  const assigned = extractors.map((_, e) => studies.filter((_, s) => s % EXTRACTORS === e || (s + 1) % EXTRACTORS === e).slice(0, PER_EXTRACTOR));
  const saveTimes: number[] = [];
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  await Promise.all(
    extractors.map(async (user, e) => {
      for (const [k, study] of assigned[e].entries()) {
        const seed = e * 1000 + k;
        const values = Object.fromEntries(fields.map((f) => [f.id, answer(f, seed)]));
        for (const submit of [false, true]) {
          if (THINK_MS > 0) await think();
          const t0 = performance.now();
          const access = await authorizeReview({ id: user.id, email: user.email, name: user.name }, review.slug, "extract");
          if (typeof access === "string") throw new Error(access);
          await writeTransaction((tx) => saveMyEntry(tx, { id: user.id, reviewId: review.id }, { studyId: study.id, values, outcomeData: outcomeData(seed) }, { submit }));
          saveTimes.push(performance.now() - t0);
        }
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  // CPU this process (Node + SQLite, in-process) spent per save: independent of other load on the machine.
  const cpu = process.cpuUsage(cpuStart);
  const cpuPerSave = (cpu.user + cpu.system) / 1000 / saveTimes.length;

  const ready = await db.extractionEntry.groupBy({ by: ["studyId"], where: { reviewId: review.id, status: "SUBMITTED" }, _count: true, having: { studyId: { _count: { gte: 2 } } } });
  const viewTimes: number[] = [];
  let disagreements = 0;
  for (const { studyId } of ready.slice(0, 100)) {
    const t0 = performance.now();
    const view = await getConsensusView(review.id, studyId);
    viewTimes.push(performance.now() - t0);
    disagreements += view.rows.filter((r) => !r.agree).length;
  }
  const entries = await db.extractionEntry.count({ where: { reviewId: review.id } });
  console.log(`bench:extraction — ${STUDIES} studies, ${EXTRACTORS} extractors saving concurrently (think time ${THINK_MS} ms ± 50 %), ${fields.length} characteristic fields + ${OUTCOMES} outcomes × ${TIMEPOINTS.length} time points × ${GROUPS} groups (${OUTCOMES * TIMEPOINTS.length * GROUPS} arms) per save`);
  console.log(summary("save (authorize + validate + write + audit)", saveTimes) + `  [target p95 < 100 ms]; ${saveTimes.length} saves in ${wall.toFixed(1)} s, ${entries} entries stored; CPU ${cpuPerSave.toFixed(1)} ms per save; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(summary("consensus view of a study", viewTimes) + `  [target < 150 ms]; ${disagreements} disagreements found (the extractors' seeds differ)`);
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
