import { formatAuthor } from "./authors";
import type { BibRecord } from "./record";
import { risValueStart } from "./ris";

/**
 * Writes records as RIS that EndNote and Zotero read back, and that parseRis reads back to the
 * same normalised fields. Two conventions matter for that round trip: pages go whole into SP
 * ("21-8" stays "21-8"), and a publication type that is not a RIS code goes to M3 beside the TY
 * it maps to. RIS has no MeSH tag, so MeSH terms are written as KW, as EndNote does: they come
 * back as keywords.
 */

const RIS_TYPES = new Set([
  "ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART", "CLSWK", "COMP", "CONF", "CPAPER", "CTLG",
  "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK", "EJOUR", "ELEC", "ENCYC", "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR",
  "ICOMM", "INPR", "JFULL", "JOUR", "LEGAL", "MANSCPT", "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS", "PAMP", "PAT", "PCOMM", "RPRT",
  "SER", "SLIDE", "SOUND", "STAND", "STAT", "THES", "UNPB", "VIDEO",
]);

const TYPE_WORDS: [RegExp, string][] = [
  [/conference paper|proceedings paper|inproceedings|conferencepaper|conference abstract/i, "CPAPER"],
  [/conference|proceedings/i, "CONF"],
  [/book ?section|book ?chapter|chapter|incollection|inbook/i, "CHAP"],
  [/^(?:book|edited book|monograph)$/i, "BOOK"],
  [/thesis|dissertation/i, "THES"],
  [/report|techreport/i, "RPRT"],
  [/web ?page|website|online/i, "ELEC"],
  [/dataset/i, "DATA"],
  [/patent/i, "PAT"],
  [/meeting abstract/i, "ABST"],
  [/newspaper/i, "NEWS"],
  [/magazine/i, "MGZN"],
];

/** The RIS type code for a normalised publication type; JOUR when unknown. */
export function risTypeOf(publicationType: string | undefined): string {
  if (!publicationType) return "JOUR";
  if (RIS_TYPES.has(publicationType)) return publicationType;
  for (const [pattern, code] of TYPE_WORDS) if (pattern.test(publicationType)) return code;
  return "JOUR";
}

function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === "") return "";
  return `${tag}  - ${String(value).replace(/\s*[\r\n]+\s*/g, " ")}\r\n`;
}

/** A multi-line value: later lines become continuation lines, indented if they look like tags. */
function multiline(tag: string, value: string | undefined): string {
  if (!value) return "";
  const [firstLine, ...rest] = value.split(/\r\n|\r|\n/);
  let out = `${tag}  - ${firstLine}\r\n`;
  for (const l of rest) out += `${risValueStart(l) !== -1 ? "  " : ""}${l}\r\n`;
  return out;
}

export function writeRisRecord(r: BibRecord): string {
  const type = risTypeOf(r.publicationType);
  let out = line("TY", type);
  out += line("TI", r.title);
  for (const a of r.authors) out += line("AU", formatAuthor(a));
  out += line("PY", r.year);
  out += line("T2", r.journal);
  out += line("J2", r.journalAbbrev);
  out += line("VL", r.volume);
  out += line("IS", r.issue);
  // Pages go whole into SP, except an end page alone (RIS with only EP), which stays in EP.
  if (r.startPage === undefined && r.endPage !== undefined) out += line("EP", r.endPage);
  else out += line("SP", r.pages ?? r.startPage);
  out += line("DO", r.doi);
  out += line("AN", r.pmid);
  out += line("C2", r.pmcid);
  out += line("SN", r.issn);
  for (const k of r.keywords) out += line("KW", k);
  for (const m of r.mesh) out += line("KW", m);
  out += multiline("AB", r.abstract);
  out += line("LA", r.language);
  if (r.publicationType && r.publicationType !== type) out += line("M3", r.publicationType);
  out += line("UR", r.url);
  out += line("DB", r.sourceDatabase);
  return `${out}ER  - \r\n\r\n`;
}

/** A whole RIS file (CRLF line ends, as EndNote writes them). */
export function writeRis(records: Iterable<BibRecord>): string {
  let out = "";
  for (const r of records) out += writeRisRecord(r);
  return out;
}
