/**
 * Identifier normalisation: DOI, PMID, PMCID and ISSN, as they appear in real exports
 * ("DO  - http://dx.doi.org/10.1177/…", "LID - 10.1111/x [doi]", "SN  - 20762615 (ISSN)").
 */

// Any printable character may follow the prefix (DOI Handbook 2.5.2): SICI DOIs carry < > ; : as in
// 10.1002/(SICI)1098-2795(199907)53:3<266::AID-MRD2>3.0.CO;2-6, so only whitespace ends a DOI here.
const DOI_IN_TEXT = /10\.\d{4,9}\/\S+/i;
const RESOLVER_PREFIX = /^(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\//i;

/**
 * Normalises a DOI: lower-case, no resolver or "doi:" prefix, no trailing punctuation or
 * MEDLINE "[doi]" suffix. Returns undefined when the text holds no DOI (e.g. "DOI 1").
 * @example normalizeDoi("https://doi.org/10.1000/ABC.") // "10.1000/abc"
 */
export function normalizeDoi(input: string | undefined): string | undefined {
  if (!input) return undefined;
  let text = input.trim().replace(RESOLVER_PREFIX, "");
  // URLs often carry the DOI percent-encoded (Scopus: "doi=10.3390%2fani15010003").
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      /* keep as is: a literal % is legal in a DOI */
    }
  }
  const match = DOI_IN_TEXT.exec(text);
  if (!match) return undefined;
  let doi = match[0].toLowerCase();
  doi = doi.replace(/\[doi\]$/, "");
  // Trailing sentence punctuation and quotes are never part of a DOI in practice; a closing bracket
  // is kept only when it closes one opened inside the DOI, e.g. 10.1016/0014-5793(81)80778-8 or a
  // SICI "<266::AID-MRD2>", so "<https://doi.org/10.1000/x>" and "(10.1000/x)" lose theirs.
  for (;;) {
    const last = doi[doi.length - 1];
    if (".,;:'\"".includes(last)) doi = doi.slice(0, -1);
    else if (last in OPENING_BRACKET && count(doi, OPENING_BRACKET[last]) < count(doi, last)) doi = doi.slice(0, -1);
    else break;
  }
  return doi.length > 8 ? doi : undefined;
}

/** A DOI from a URL only when the URL is a DOI resolver link, so publisher links are not misread. */
export function doiFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /doi\.org\//i.test(url) ? normalizeDoi(url.slice(url.search(/doi\.org\//i) + 8)) : undefined;
}

const OPENING_BRACKET: Record<string, string> = { ")": "(", "]": "[", ">": "<", "}": "{" };

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** A PubMed identifier: 1–8 digits, alone or as "PMID: 123" / "pubmed/123". */
export function extractPmid(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const text = input.trim();
  if (/^\d{1,8}$/.test(text)) return text.replace(/^0+(?=\d)/, "");
  const m = /(?:PMID|pubmed)\s*[:/]?\s*(\d{1,8})\b/i.exec(text);
  return m ? m[1] : undefined;
}

/** A PubMed Central identifier in its canonical "PMC1234567" form. */
export function extractPmcid(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const m = /\bPMC\s*(\d{3,9})\b/i.exec(input);
  return m ? `PMC${m[1]}` : undefined;
}

/** The first ISSN in a field, hyphenated: "20762615 (ISSN)" → "2076-2615"; ISBNs are ignored. */
export function normalizeIssn(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const m = /(?<![\dX-])(\d{4})-?(\d{3}[\dX])(?![\dX-])/i.exec(input);
  return m ? `${m[1]}-${m[2].toUpperCase()}` : undefined;
}
