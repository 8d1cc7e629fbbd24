import type { Entry } from "@retorquere/bibtex-parser";
import { readBibtexFields, type RawEntry } from "./bibtex-reader";
import { convertPlainField, escapeAngles, fieldMode, type FieldValue } from "./bibtex-plain";

/**
 * @retorquere/bibtex-parser's result for a file, computed in two parts: fields in plain text
 * here (bibtex-plain.ts), and only the fields that need LaTeX by the library, from a smaller
 * BibTeX text holding just those (`latex`). Whenever the two parts could differ from one library
 * run over the whole file (a reading error, @preamble, \newcommand, crossref inheritance, an
 * error from the LaTeX part), the caller parses the whole file with the library instead, so
 * errors and warnings are exactly the library's. One deliberate difference: raw < and > in text
 * fields are kept as those characters (escapeAngles), where the library would print ¡ and ¿.
 */

/** How Sieve runs the library: titles as written (no sentence-casing, no case-protection markup), unknown commands dropped. */
export const LIBRARY_OPTIONS = { english: false, sentenceCase: false, caseProtection: false, unsupported: "ignore" } as const;

export type Library = { entries: Pick<Entry, "type" | "key" | "fields">[]; errors: { error: string }[] };
type Pending = { index: number; entry: RawEntry; names: string[] };
export type PlainSplit = { entries: Library["entries"]; latex: string; pending: Pending[]; order: string[][] };

const isKeywords = (name: string) => /^keywords([+]duplicate-\d+)?$/.test(name);
const NEW_COMMAND = /\\(?:newcommand|ProvideTextCommandDefault)/;

/** The plain part of the file and the BibTeX text of the rest, or undefined when only a whole-file library parse will do. */
export function splitPlainFields(text: string): PlainSplit | undefined {
  const raw = readBibtexFields(text);
  if (!raw || raw.preambles.length > 0 || Object.values(raw.strings).some((v) => NEW_COMMAND.test(v))) return undefined;
  const entries: Library["entries"] = [];
  const pending: Pending[] = [];
  const order: string[][] = [];
  const latex: string[] = [];
  for (const entry of raw.entries) {
    for (const name of Object.keys(entry.fields)) if (fieldMode(name) !== "verbatim") entry.fields[name] = escapeAngles(entry.fields[name]);
    const fields: Record<string, FieldValue> = {};
    const names: string[] = [];
    const later: string[] = [];
    let keywords: string[] = [];
    const keywordFields = Object.keys(entry.fields).filter((name) => isKeywords(name) && entry.fields[name].trim());
    // Keywords of one entry are merged, so they go to the library all together or not at all.
    const keywordValues = keywordFields.map((name) => convertPlainField("keywords", entry.fields[name]));
    const keywordsPlain = keywordValues.every((v) => typeof v === "string");
    for (const [name, value] of Object.entries(entry.fields)) {
      if (name === "crossref" || NEW_COMMAND.test(value)) return undefined;
      if (!value.trim()) continue;
      if (isKeywords(name)) {
        if (!keywordsPlain) later.push(name);
        continue;
      }
      names.push(name);
      const plain = convertPlainField(name, value);
      if (plain === undefined) later.push(name);
      else fields[name] = plain;
    }
    if (keywordFields.length && keywordsPlain) {
      for (const v of keywordValues as string[]) keywords = [...keywords, ...v.split(/\s*[,;]\s*/)].map((k) => k.trim()).filter((k) => k);
      if (keywords.length) fields.keywords = [...new Set(keywords)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    }
    if (later.length) {
      if (!later.every((name) => bracesSafely(entry.fields[name]))) return undefined;
      pending.push({ index: entries.length, entry, names: later });
      latex.push(`@${entry.type}{${entry.key},\n${later.map((name) => `${name} = {${entry.fields[name]}}`).join(",\n")}\n}\n`);
    }
    order.push(keywordFields.length ? [...names, "keywords"] : names);
    entries.push({ type: entry.type, key: entry.key, fields: fields as Entry["fields"] });
  }
  return { entries, latex: latex.join("\n"), pending, order };
}

/** The split's entries completed with the library's reading of its `latex` text, or undefined if that reading had any error. */
export function mergeLatexFields(split: PlainSplit, library: Library): Library | undefined {
  if (library.errors.length > 0 || library.entries.length !== split.pending.length) return undefined;
  for (const [i, { index, entry }] of split.pending.entries()) {
    const parsed = library.entries[i];
    if (parsed.key !== entry.key || parsed.type !== entry.type) return undefined;
    const target = split.entries[index];
    const fields = { ...target.fields, ...parsed.fields } as Record<string, FieldValue>;
    // Fields in the file's order, keywords last, as the library leaves them.
    target.fields = Object.fromEntries(split.order[index].filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]])) as Entry["fields"];
  }
  return { entries: split.entries, errors: [] };
}

/** Whether `{value}` reads back as exactly `value` (the library's brace-value rules). */
function bracesSafely(value: string): boolean {
  let depth = 0;
  let math = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\") {
      if (i === value.length - 1) return false; // it would escape the closing brace
      i++;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
    else if (c === "$") math = !math;
  }
  return depth === 0 && !math;
}
