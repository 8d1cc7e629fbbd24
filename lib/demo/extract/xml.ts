/** A small JATS reader for the seed articles: enough tree to find sections, tables and references. */
import { SaxesParser } from "saxes";

export type XmlNode = { name: string; attrs: Record<string, string>; children: (XmlNode | string)[] };

export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlNode = { name: "#root", attrs: {}, children: [] };
  const stack = [root];
  parser.on("opentag", (tag) => {
    const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
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

/** Text content; a superscript reads as "^n" so "10<sup>9</sup>" stays 10^9 rather than 109. */
export const text = (n: XmlNode | string): string =>
  typeof n === "string" ? n : n.name === "sup" ? `^${n.children.map(text).join("")}` : n.children.map(text).join("");
/** Collapses every kind of space (the seed uses no-break and thin spaces) to one plain space. */
export const clean = (s: string) => s.replace(/[\s\u00a0\u2009]+/g, " ").trim();

export function all(n: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of n.children) {
    if (typeof c === "string") continue;
    if (c.name === name) out.push(c);
    out.push(...all(c, name));
  }
  return out;
}
export const first = (n: XmlNode, name: string): XmlNode | undefined => all(n, name)[0];

export function sectionByTitle(root: XmlNode, title: string): XmlNode {
  const sec = all(root, "sec").find((s) => clean(text(first(s, "title") ?? "")) === title);
  if (!sec) throw new Error(`No section titled "${title}"`);
  return sec;
}

/** A table's body rows as cleaned cell texts, with the bibliography label of any cited reference. */
export function tableRows(root: XmlNode, id: string): { cells: string[]; refLabels: string[] }[] {
  const wrap = all(root, "table-wrap").find((t) => t.attrs.id === id);
  if (!wrap) throw new Error(`No table with id ${id}`);
  const body = first(wrap, "tbody");
  if (!body) throw new Error(`Table ${id} has no body`);
  return all(body, "tr").map((tr) => ({
    cells: all(tr, "td").map((td) => clean(text(td))),
    refLabels: all(tr, "xref").filter((x) => x.attrs["ref-type"] === "bibr").map((x) => clean(text(x))),
  }));
}
