/**
 * Small hand-written records for the dedup unit tests (never copied from ../shared/fixtures).
 * `article` is a made-up paper; the helpers derive the variants and traps the tests need.
 */
import type { Author, BibRecord } from "../formats/record";

export function author(family: string, given: string): Author {
  const initials = given.replace(/[^A-Za-z]+/g, " ").trim().split(/\s+/).map((g) => g[0] ?? "").join("");
  return { family, given, normalized: `${family} ${initials}`.toLowerCase() };
}

export function record(fields: Partial<BibRecord>): BibRecord {
  return { title: "", authors: [], keywords: [], mesh: [], raw: {}, ...fields };
}

export const article = record({
  title: "Effect of beta-blockers on exercise tolerance in older adults with heart failure: a randomised trial",
  authors: [author("García-López", "José A."), author("Okonkwo", "Ngozi"), author("Berg", "Lars")],
  year: 2019,
  journal: "Journal of Cardiac Failure",
  journalAbbrev: "J Card Fail",
  volume: "25",
  issue: "4",
  pages: "221-228",
  doi: "10.1016/j.cardfail.2019.01.004",
  pmid: "30712345",
  abstract: "Background beta blockers improve survival in heart failure but their effect on exercise tolerance in older adults is uncertain. Methods we randomised 240 adults aged 70 years or older to bisoprolol or placebo for 12 weeks and measured peak oxygen uptake. Results peak oxygen uptake did not differ between groups. Conclusions beta blockers did not reduce exercise tolerance.",
});

/** A trial that resembles nothing else in the fixtures: the control for "distinct". */
export const unrelatedTrial = record({
  title: "Salt intake and blood pressure in rural communities: a cluster trial",
  authors: [author("Mensah", "Kofi")],
  year: 2021,
  journal: "Hypertension",
  volume: "77",
  pages: "1001-1010",
  doi: "10.1161/hyp.2021.001",
});
