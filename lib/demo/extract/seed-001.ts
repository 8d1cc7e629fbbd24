/**
 * Facts of the 001 seed (Zhang et al. 2025, Front Endocrinol 16:1625969, a JATS XML article)
 * for prisma/demo/review-001.json. Every value is read from the article: its protocol, searches
 * and flow (Results 3.1, Figure 1), Tables 1–2, the MAR forest plot (Figure 7) and the pooled
 * results stated in the text. Nothing is typed in here that the article does not say.
 */
import path from "node:path";
import { all, clean, first, parseXml, sectionByTitle, tableRows, text, type XmlNode } from "./xml";

const criterion = (s: string) => s.replace(/[;.]$/, "");
const num = (s: string) => Number(s.replace(/,/g, ""));

function listItems(sec: XmlNode): string[] {
  return all(sec, "list-item").map((li) => clean(text(li)));
}

function reference(ref: XmlNode) {
  const citation = first(ref, "citation") ?? first(ref, "element-citation") ?? first(ref, "mixed-citation");
  if (!citation) throw new Error("A reference without a citation");
  const names = all(citation, "name").map((n) => ({ family: clean(text(first(n, "surname") ?? "")), given: clean(text(first(n, "given-names") ?? "")) }));
  const id = (type: string) => all(citation, "pub-id").find((p) => p.attrs["pub-id-type"] === type);
  const pages = first(citation, "page-range") ?? first(citation, "fpage");
  const doi = id("doi");
  const pmid = id("pmid");
  return {
    label: clean(text(first(ref, "label") ?? "")),
    type: citation.attrs["citation-type"] ?? "",
    authors: names,
    etAl: all(citation, "etal").length > 0,
    title: clean(text(first(citation, "article-title") ?? first(citation, "source") ?? "")),
    journal: first(citation, "article-title") ? clean(text(first(citation, "source") ?? "")) : "",
    year: Number(clean(text(first(citation, "year") ?? ""))) || null,
    volume: clean(text(first(citation, "volume") ?? "")),
    pages: clean(text(pages ?? "")).replace(/\u2013/g, "-"),
    doi: doi ? clean(text(doi)).toLowerCase() : null,
    pmid: pmid ? clean(text(pmid)) : null,
  };
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/**
 * "Not description" is how the tables say a study did not report an item: stored as no value.
 * One cell ("40-120 nm)") carries a stray closing parenthesis, dropped when nothing opens it.
 */
const reported = (cell: string): string | null => {
  if (cell === "" || /^not description$/i.test(cell)) return null;
  return cell.endsWith(")") && !cell.includes("(") ? cell.slice(0, -1).trim() : cell;
};
const sex = (cell: string) => ({ female: "Female", male: "Male" })[cell.toLowerCase()] ?? reported(cell);

/** Table 1 (animal models) and Table 2 (EVs and treatment), one entry per included study. */
function studies(root: XmlNode) {
  const models = tableRows(root, "T1");
  const evs = new Map(tableRows(root, "T2").map((r) => [r.refLabels[0], r.cells]));
  return models.map(({ cells, refLabels }) => {
    const reference = refLabels[0];
    const ev = evs.get(reference);
    if (!reference || !ev || ev.length !== 15 || cells.length !== 9) throw new Error(`Table rows for reference ${reference} do not line up`);
    const author = cells[0].replace(/\s+et al.*$/, "");
    return {
      label: `${author} ${cells[1]}`,
      reference,
      locator: "Tables 1-2",
      values: {
        publication_year: Number(cells[1]),
        country: reported(cells[2]),
        species: reported(cells[3]),
        sex: sex(cells[4]),
        age: reported(cells[5]),
        weight: reported(cells[6]),
        total_animals: Number(cells[7]),
        disease_model: reported(cells[8]),
        ev_source: reported(ev[2]),
        cell_culture: reported(ev[3]),
        ev_isolation: reported(ev[4]),
        ev_purification: reported(ev[5]),
        ev_morphology_tem: reported(ev[6]),
        ev_particle_concentration: reported(ev[7]),
        ev_protein_concentration: reported(ev[8]),
        ev_markers: reported(ev[9]),
        ev_diameter: reported(ev[10]),
        route: reported(ev[11]),
        dose: reported(ev[12]),
        frequency: reported(ev[13]),
        duration: reported(ev[14]),
      },
    };
  });
}

function match(body: string, re: RegExp, what: string): RegExpMatchArray {
  const m = body.match(re);
  if (!m) throw new Error(`The article no longer states ${what} as expected (${re})`);
  return m;
}

/** The searches and flow of Results 3.1 ("Literature selection") and Figure 1. */
function searchesAndFlow(body: string) {
  const searches = ["PubMed", "Embase", "Web of Science", "Cochrane Library"].map((database) => ({
    database,
    reportedHits: num(match(body, new RegExp(`${database} \\(([\\d,]+)\\)`), `${database}'s hits`)[1]),
  }));
  const duplicates = num(match(body, /removing ([\d,]+) duplicates/, "duplicates")[1]);
  const screened = num(match(body, /([\d,]+) articles underwent title\/abstract screening/, "records screened")[1]);
  const taReasons = [...match(body, /Exclusions at this stage included ([^.]+)\./, "title/abstract exclusions")[1].matchAll(/([A-Za-z/ -]+?) \(([\d,]+)\)/g)]
    .map((m) => ({ label: upperFirst(m[1].trim().replace(/^and /, "")), n: num(m[2]) }));
  const assessed = num(match(body, /full-text assessment of ([\d,]+) articles/, "reports assessed")[1]);
  const ftExcluded = num(match(body, /led to the exclusion of ([\d,]+) studies/, "reports excluded")[1]);
  const included = num(match(body, /with ([\d,]+) studies \([^)]*\) meeting the inclusion criteria/, "included studies")[1]);
  const ftReasonText = match(body, /excludes \d+ due to ([^.]+)\./, "the full-text reasons of Figure 1")[1];
  const recordsExcluded = taReasons.reduce((s, r) => s + r.n, 0);
  const flow = [
    { field: "database_specific_results", items: searches.map((s) => ({ label: s.database, n: s.reportedHits })) },
    { field: "duplicates", n: duplicates },
    { field: "records_screened", n: screened },
    { field: "records_excluded", n: recordsExcluded },
    // Every assessed article was retrieved: the article reports no report it could not obtain.
    { field: "dbr_sought_reports", n: assessed },
    { field: "dbr_notretrieved_reports", n: 0 },
    { field: "dbr_assessed", n: assessed },
    // Figure 1 names the reasons but gives no count per reason, so they are one line.
    { field: "dbr_excluded", items: [{ label: ftReasonText.replace(/^non/, "Non"), n: ftExcluded }] },
    { field: "new_studies", n: included },
    { field: "new_reports", n: included },
  ];
  return { searches, flow, titleAbstractExclusions: taReasons };
}

/** A pooled result as the Results text states it: "(SMD = 8.88; 95% CI: 2.23 to 15.53; P = 0.009; I² = 74%, P = 0.05)". */
function pooled(body: string, lead: RegExp, what: string) {
  const m = match(body, new RegExp(`${lead.source}.*?\\(SMD = (-?\\d+(?:\\.\\d+)?); 95% CI: (-?\\d+(?:\\.\\d+)?) to (-?\\d+(?:\\.\\d+)?); P ([=<] \\d+(?:\\.\\d+)?)`), what);
  return { smd: Number(m[1]), ciLower: Number(m[2]), ciUpper: Number(m[3]), p: m[4] };
}

function outcomes(body: string) {
  const fig7 = match(body, /Hu 2020 shows a standard mean difference of (\d+(?:\.\d+)?) with a 95% confidence interval of (-?\d+(?:\.\d+)?) to (\d+(?:\.\d+)?), while Yang 2022 shows (\d+(?:\.\d+)?) with (\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)/, "the MAR effects of Figure 7");
  const marStats = match(body, /Tau-squared of (\d+(?:\.\d+)?) and I-squared of (\d+)%. The test for the overall effect yields Z = (\d+(?:\.\d+)?) with a P-value of (\d+(?:\.\d+)?)/, "the MAR heterogeneity of Figure 7");
  const ctThStudies = match(body, /\(([A-Z][a-z]+ \d{4}(?:, [A-Z][a-z]+ \d{4})+)\) are included/, "the Ct.Th studies of Figure 6")[1].split(", ");
  return [
    { name: "BMD", fullName: "Bone mineral density", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS", locator: "Figure 3", reported: { k: 14, ...pooled(body, /Fourteen studies reported the effects of MSC-EVs on BMD/, "the BMD result") } },
    { name: "BV/TV", fullName: "Bone volume / total volume", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS", locator: "Figure 4", reported: { k: 14, ...pooled(body, /14 studies reporting BV\/TV were pooled/, "the BV/TV result") } },
    { name: "Tb.N", fullName: "Trabecular number", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS", locator: "Figure 5A", reported: { k: 16, ...pooled(body, /Sixteen studies reported Tb.N/, "the Tb.N result") } },
    { name: "Tb.Th", fullName: "Trabecular thickness", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS", locator: "Figure 5B", reported: { k: 14, ...pooled(body, /Pooled analysis of 14 studies showed that MSC-EVs intervention significantly increased Tb.Th/, "the Tb.Th result") } },
    { name: "Tb.Sp", fullName: "Trabecular separation", direction: "LOWER_IS_BETTER", type: "CONTINUOUS", locator: "Figure 5C", reported: { k: 13, ...pooled(body, /pooled analysis of 13 studies on Tb.Sp/, "the Tb.Sp result") } },
    { name: "Ct.Th", fullName: "Cortical thickness", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS", locator: "Figure 6", studies: ctThStudies, reported: { k: ctThStudies.length, ...pooled(body, /three studies reported Ct.Th in the models/, "the Ct.Th result") } },
    {
      name: "MAR",
      fullName: "Mineral apposition rate",
      direction: "HIGHER_IS_BETTER",
      type: "GENERIC",
      locator: "Figure 7",
      reported: { k: 2, ...pooled(body, /Two studies reported the bone remodeling parameter mineral apposition rate/, "the MAR result"), tau2: Number(marStats[1]), i2: Number(marStats[2]), z: Number(marStats[3]) },
      // SMD with its 95% CI as Figure 7 reports them; the SE is (upper - lower) / (2 × 1.96).
      effects: [
        { study: "Hu 2020", measure: "SMD", yi: Number(fig7[1]), ciLower: Number(fig7[2]), ciUpper: Number(fig7[3]), locator: "Figure 7" },
        { study: "Yang 2022", measure: "SMD", yi: Number(fig7[4]), ciLower: Number(fig7[5]), ciUpper: Number(fig7[6]), locator: "Figure 7" },
      ],
    },
  ];
}

export function extractSeed001(xml: string, file: string) {
  const root = parseXml(xml);
  const meta = first(root, "article-meta")!;
  const bodyNode = first(root, "body")!;
  const body = clean(text(bodyNode));
  const inclusion = listItems(sectionByTitle(root, "Inclusion criteria"));
  const exclusion = listItems(sectionByTitle(root, "Exclusion criteria"));
  return {
    source: {
      file: path.basename(file),
      doi: clean(text(all(meta, "article-id").find((a) => a.attrs["pub-id-type"] === "doi")!)),
      journal: clean(text(first(root, "journal-title")!)),
      citation: "Zhang et al. 2025",
    },
    title: clean(text(first(meta, "article-title")!)),
    registrationId: `PROSPERO ${body.match(/CRD\d+/)![0]}`,
    // The article's own PICOS is its inclusion list, in this order (see "Inclusion criteria").
    question:
      "In animal models of osteoporosis, do mesenchymal stem cell-derived extracellular vesicles (MSC-EVs), compared with placebo or no treatment, improve bone mineral density, bone microstructure, bone formation and bone strength?",
    population: criterion(inclusion[1]),
    intervention: criterion(inclusion[0]),
    comparator: criterion(inclusion[2]),
    outcomes: criterion(inclusion[3]),
    studyDesigns: "Controlled preclinical (in vivo animal) studies",
    inclusionCriteria: inclusion.map((c) => `- ${c}`).join("\n"),
    exclusionCriteria: exclusion.map((c) => `- ${c}`).join("\n"),
    // Reasons as the Results section and the PRISMA figure (Figure 1) report them.
    titleAbstractReasons: ["Reviews/case reports", "In vitro studies", "Non-osteoporosis models", "Non-MSC-EV interventions"],
    fullTextReasons: ["Non-single interventions", "Outcomes not reported", "Data not extractable"],
    searchCoverage: match(body, /databases, including [^,]+, [^,]+, [^,]+, and [^,]+, (from their inception to [A-Z][a-z]+ \d+, \d{4})/, "the search dates")[1],
    ...searchesAndFlow(body),
    studies: studies(root),
    outcomeDefinitions: outcomes(body),
    // Generic inverse variance of the SMDs with their CIs, random effects by DerSimonian-Laird (RevMan 5.3's method).
    analyses: [{ name: "MAR (Figure 7)", outcome: "MAR", measure: "GEN", method: "DL" }],
    references: all(first(root, "ref-list")!, "ref").map(reference),
  };
}
