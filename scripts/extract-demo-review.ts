/**
 * Extracts the demo review's facts from the 001 seed (a JATS XML article) into
 * prisma/demo/review-001.json, which is committed so `npm start` works without ../shared.
 * Re-run after changing what is extracted: npx tsx scripts/extract-demo-review.ts [path-to-seed]
 *
 * Only facts stated in the article are taken: its title, registration, eligibility criteria,
 * exclusion reasons as reported in its results and PRISMA figure, and its reference list.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";

type Node = { name: string; attrs: Record<string, string>; children: (Node | string)[] };

function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: "#root", attrs: {}, children: [] };
  const stack = [root];
  parser.on("opentag", (tag) => {
    const node: Node = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (text) => void stack.at(-1)!.children.push(text));
  // JATS files declare a DTD that saxes does not load; these are the only named entities used.
  parser.ENTITIES.nbsp = "\u00a0";
  parser.write(xml).close();
  return root;
}

const text = (n: Node | string): string => (typeof n === "string" ? n : n.children.map(text).join(""));
const clean = (s: string) => s.replace(/\s+/g, " ").trim();
const criterion = (s: string) => s.replace(/[;.]$/, "");
function all(n: Node, name: string): Node[] {
  const out: Node[] = [];
  for (const c of n.children) {
    if (typeof c === "string") continue;
    if (c.name === name) out.push(c);
    out.push(...all(c, name));
  }
  return out;
}
const first = (n: Node, name: string) => all(n, name)[0];

function sectionByTitle(root: Node, title: string): Node {
  const sec = all(root, "sec").find((s) => clean(text(first(s, "title") ?? "")) === title);
  if (!sec) throw new Error(`No section titled "${title}"`);
  return sec;
}

function listItems(sec: Node): string[] {
  return all(sec, "list-item").map((li) => clean(text(li)));
}

function reference(ref: Node) {
  const citation = first(ref, "citation") ?? first(ref, "element-citation") ?? first(ref, "mixed-citation");
  const names = all(citation, "name").map((n) => ({ family: clean(text(first(n, "surname"))), given: clean(text(first(n, "given-names") ?? "")) }));
  const id = (type: string) => all(citation, "pub-id").find((p) => p.attrs["pub-id-type"] === type);
  const pages = first(citation, "page-range") ?? first(citation, "fpage");
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
    doi: id("doi") ? clean(text(id("doi")!)).toLowerCase() : null,
    pmid: id("pmid") ? clean(text(id("pmid")!)) : null,
  };
}

const seedPath = process.argv[2] ?? path.resolve(import.meta.dirname, "../../shared/seeds/001_f7cd7f2ba697a480.txt");
const root = parseXml(readFileSync(seedPath, "utf8"));
const meta = first(root, "article-meta");
const body = text(first(root, "body"));
const inclusion = listItems(sectionByTitle(root, "Inclusion criteria"));
const exclusion = listItems(sectionByTitle(root, "Exclusion criteria"));

const demo = {
  source: {
    file: path.basename(seedPath),
    doi: clean(text(all(meta, "article-id").find((a) => a.attrs["pub-id-type"] === "doi")!)),
    journal: clean(text(first(root, "journal-title"))),
  },
  title: clean(text(first(meta, "article-title"))),
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
  references: all(first(root, "ref-list"), "ref").map(reference),
};
mkdirSync(path.resolve(import.meta.dirname, "../prisma/demo"), { recursive: true });
const out = path.resolve(import.meta.dirname, "../prisma/demo/review-001.json");
writeFileSync(out, JSON.stringify(demo, null, 2) + "\n");
console.log(`Wrote ${out}: ${demo.references.length} references`);
