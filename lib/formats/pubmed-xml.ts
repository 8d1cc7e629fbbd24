import { makeAuthor } from "./authors";
import { extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import type { Author, BibRecord, ParseWarning } from "./record";
import { cleanAbstract, cleanField, cleanTitle, emptyRecord, pruneRecord, pushUnique, refuseEmpty, WarningLog } from "./record-builder";
import { addRaw, streamXmlRecords, type XmlField } from "./xml-records";

/**
 * PubMed XML (<PubmedArticleSet>, from PubMed "Save → XML" or E-utilities efetch), streamed with
 * saxes. Structured abstracts are kept whole as "LABEL: text" sections joined by spaces, the
 * way the MEDLINE format writes them; MeSH headings use MEDLINE's "Descriptor/*qualifier" form.
 */

// Formatting and MathML inside titles and abstracts.
const INLINE = new Set(["i", "b", "u", "sup", "sub", "mml:math", "mml:mi", "mml:mo", "mml:mn", "mml:mrow", "mml:msup", "mml:msub", "mml:mtext"]);
const KEEP_ATTRIBUTES = new Set(["IdType", "EIdType", "Label", "NlmCategory", "MajorTopicYN", "IssnType", "ValidYN"]);

type State = {
  raw: Record<string, string[]>;
  authors: Author[];
  author: { last?: string; fore?: string; initials?: string; suffix?: string; collective?: string };
  abstract: string[];
  mesh: string[];
  meshHeading: string;
  ids: Record<string, string>;
  doiLocation?: string;
  line: number;
};

function freshState(line: number): State {
  return { raw: {}, authors: [], author: {}, abstract: [], mesh: [], meshHeading: "", ids: {}, line };
}

export function parsePubmedXml(input: string | Iterable<string>): { records: BibRecord[]; warnings: ParseWarning[] } {
  const warnings = new WarningLog();
  const records: BibRecord[] = [];
  let state = freshState(0);

  streamXmlRecords(input, {
    recordTags: new Set(["PubmedArticle", "PubmedBookArticle"]),
    inlineTags: INLINE,
    startRecord(_name, line) {
      state = freshState(line);
    },
    field(field) {
      addRaw(state.raw, field, KEEP_ATTRIBUTES);
      collect(state, field);
    },
    endRecord() {
      records.push(pubmedToRecord(state, warnings));
    },
  });
  if (records.length === 0) refuseEmpty("PubMed XML", "<PubmedArticle> elements inside <PubmedArticleSet>");
  return { records, warnings: warnings.finish() };
}

/** Gathers the parts that need element boundaries: authors, abstract sections, MeSH, IDs. */
function collect(s: State, f: XmlField): void {
  const a = s.author;
  switch (f.name) {
    case "LastName":
      a.last = f.text;
      break;
    case "ForeName":
      a.fore = f.text;
      break;
    case "Initials":
      a.initials = f.text;
      break;
    case "Suffix":
      a.suffix = f.text;
      break;
    case "CollectiveName":
      a.collective = f.text;
      break;
    case "Author":
      if (f.path.endsWith("AuthorList/Author") && !f.path.includes("CommentsCorrections")) {
        if (a.last) s.authors.push(makeAuthor(a.last, [a.fore ?? a.initials ?? "", a.suffix ?? ""].filter(Boolean).join(" ")));
        else if (a.collective) s.authors.push(makeAuthor(a.collective, ""));
      }
      s.author = {};
      break;
    case "Investigator":
    case "PersonalNameSubject":
      s.author = {};
      break;
    case "AbstractText":
      if (/(?:^|\/)Abstract\/AbstractText$/.test(f.path) && !f.path.includes("OtherAbstract") && f.text) {
        s.abstract.push(f.attributes.Label ? `${f.attributes.Label}: ${f.text}` : f.text);
      }
      break;
    case "DescriptorName":
      s.meshHeading = (f.attributes.MajorTopicYN === "Y" ? "*" : "") + f.text;
      break;
    case "QualifierName":
      s.meshHeading += `/${f.attributes.MajorTopicYN === "Y" ? "*" : ""}${f.text}`;
      break;
    case "MeshHeading":
      if (s.meshHeading) s.mesh.push(s.meshHeading);
      s.meshHeading = "";
      break;
    case "ArticleId":
      if (f.path === "PubmedData/ArticleIdList/ArticleId" && f.attributes.IdType) s.ids[f.attributes.IdType] ??= f.text;
      break;
    case "ELocationID":
      if (f.attributes.EIdType === "doi") s.doiLocation ??= f.text;
      break;
  }
}

function first(raw: Record<string, string[]>, ...paths: string[]): string | undefined {
  for (const path of paths) for (const v of raw[path] ?? []) if (v.trim()) return v;
  return undefined;
}

const ART = "MedlineCitation/Article";
const BOOK = "BookDocument";

function pubmedToRecord(s: State, warnings: WarningLog): BibRecord {
  const raw = s.raw;
  const r = emptyRecord(raw);
  r.pmid = extractPmid(first(raw, "MedlineCitation/PMID", `${BOOK}/PMID`) ?? s.ids.pubmed);
  r.title = cleanTitle(first(raw, `${ART}/ArticleTitle`, `${ART}/VernacularTitle`, `${BOOK}/ArticleTitle`, `${BOOK}/Book/BookTitle`));
  if (!r.title) warnings.add(`article${r.pmid ? ` PMID ${r.pmid}` : ""} has no <ArticleTitle>`, s.line);
  r.authors = s.authors;
  r.abstract = cleanAbstract(s.abstract.join(" "));
  r.year = extractYear(
    first(raw, `${ART}/Journal/JournalIssue/PubDate/Year`, `${ART}/Journal/JournalIssue/PubDate/MedlineDate`, `${ART}/ArticleDate/Year`, `${BOOK}/Book/PubDate/Year`),
  );
  r.journal = cleanField(first(raw, `${ART}/Journal/Title`));
  r.journalAbbrev = cleanField(first(raw, `${ART}/Journal/ISOAbbreviation`, "MedlineCitation/MedlineJournalInfo/MedlineTA"));
  r.volume = cleanField(first(raw, `${ART}/Journal/JournalIssue/Volume`));
  r.issue = cleanField(first(raw, `${ART}/Journal/JournalIssue/Issue`));
  Object.assign(r, splitPages(first(raw, `${ART}/Pagination/MedlinePgn`)));
  r.doi = normalizeDoi(s.doiLocation) ?? normalizeDoi(s.ids.doi);
  r.pmcid = extractPmcid(s.ids.pmc);
  r.issn = normalizeIssn(first(raw, `${ART}/Journal/ISSN`, "MedlineCitation/MedlineJournalInfo/ISSNLinking"));
  pushUnique(r.keywords, raw["MedlineCitation/KeywordList/Keyword"] ?? []);
  r.mesh = s.mesh;
  r.language = cleanField(first(raw, `${ART}/Language`, `${BOOK}/Language`));
  r.publicationType = cleanField(first(raw, `${ART}/PublicationTypeList/PublicationType`, `${BOOK}/PublicationType`));
  return pruneRecord(r);
}
