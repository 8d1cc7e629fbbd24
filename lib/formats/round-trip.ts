import type { BibRecord } from "./record";

/**
 * The normalised fields a writer must preserve, for round-trip tests: parse(write(records))
 * must give these back unchanged. For RIS (asRis): there is no MeSH tag, so MeSH terms come back
 * as keywords, and TY is mandatory, so a record without a type comes back as JOUR.
 */
export function normalisedFields(r: BibRecord, asRis = false) {
  const meshAsKeywords = asRis;
  const keywords = meshAsKeywords ? [...new Set([...r.keywords, ...r.mesh])] : r.keywords;
  return {
    title: r.title,
    abstract: r.abstract,
    authors: r.authors,
    year: r.year,
    journal: r.journal,
    journalAbbrev: r.journalAbbrev,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    startPage: r.startPage,
    endPage: r.endPage,
    doi: r.doi,
    pmid: r.pmid,
    pmcid: r.pmcid,
    issn: r.issn,
    keywords,
    mesh: meshAsKeywords ? [] : r.mesh,
    language: r.language,
    publicationType: asRis ? (r.publicationType ?? "JOUR") : r.publicationType,
    url: r.url,
    sourceDatabase: r.sourceDatabase,
  };
}
