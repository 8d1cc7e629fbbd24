import { FieldMode, type Creator } from "@retorquere/bibtex-parser";

/**
 * A fast path for BibTeX fields that need no LaTeX: what @retorquere/bibtex-parser (options
 * english/sentenceCase/caseProtection off) would make of a field, computed without its LaTeX
 * grammar, which costs about 10 ms a field (seconds for a thousand entries). A field qualifies
 * when it holds plain text, braces and a few escapes (\%, \&, \textless, …); anything else
 * (accents, math, comments, other commands, blank lines) returns undefined and goes to the
 * library. bibtex-plain.test.ts checks every .bib fixture field by field against the library.
 */

export type FieldValue = string | string[] | Creator[];
type Mode = keyof typeof FieldMode | "literal";

// Commands the library turns into one character (unicode2latex's table), here for text fields.
const SYMBOLS: Record<string, string> = { "%": "%", "&": "&", _: "_", "#": "#", $: "$", "{": "{", "}": "}" };
const WORDS: Record<string, string> = { textless: "<", textgreater: ">", textbar: "|", textasciitilde: "~" };
// Characters that are LaTeX syntax, or that the library joins into typographic ligatures
// (`` '' -- ~ < > …): text holding them is left to the library, except the dashes and quotes
// handled in ligatures() below.
// (an escaped \% or \_ is fine: plainText reads escapes itself.)
const TEXT_UNSAFE = /(?<!\\)[$%^_~<>]|[\r\x0E\x0F]|\n[ \t]*\n/;
const VERBATIM_UNSAFE = /[\\$%\r\x0E\x0F]|\n[ \t]*\n/;

/**
 * Raw < and > in a text field, spelled as the commands LaTeX reads as those characters. The
 * library reads them as LaTeX's OT1 font does (¡ and ¿), so "p<0.05" would become "p¡0.05";
 * exports from bibliographic databases mean the characters themselves. Inside $…$ math they stay.
 */
export function escapeAngles(value: string): string {
  if (!/[<>]/.test(value)) return value;
  let math = false;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\") {
      out += c + (value[i + 1] ?? "");
      i++;
    } else if (c === "$") {
      math = !math;
      out += c;
    } else if (!math && (c === "<" || c === ">")) out += c === "<" ? "\\textless{}" : "\\textgreater{}";
    else out += c;
  }
  return out;
}

const modeCache = new Map<string, Mode>();

/** The library's field mode: the last FieldMode list that names the field, else "literal". */
export function fieldMode(field: string): Mode {
  let mode = modeCache.get(field);
  if (mode === undefined) {
    mode = "literal";
    for (const [name, tests] of Object.entries(FieldMode) as [Mode, (string | RegExp)[]][]) {
      if (tests.some((t) => (typeof t === "string" ? t === field : t.test(field)))) mode = name;
    }
    modeCache.set(field, mode);
  }
  return mode;
}

/** The library's value for `field`, or undefined when the text needs its LaTeX handling. */
export function convertPlainField(field: string, value: string): FieldValue | undefined {
  const mode = fieldMode(field);
  if (mode === "verbatim") return plainVerbatim(field, value);
  if (TEXT_UNSAFE.test(value)) return undefined; // (plainText checks again; this spares the list splitting)
  if (mode === "creatorlist") return plainCreators(value);
  if (mode === "literallist") {
    const items = topLevel(value);
    if (!items) return undefined;
    const parts = splitOnAnd(items).map((part) => plainText(join(part))?.trim());
    return parts.some((p) => p === undefined) ? undefined : (parts as string[]);
  }
  let text = plainText(value);
  if (text === undefined) return undefined;
  if ((field === "year" || field === "month") && /^-?\d+$/.test(text.trim())) text = `${parseInt(text, 10)}`;
  text = text.trim();
  return field === "month" ? (MONTHS[text.toLowerCase()] ?? text) : text;
}

const MONTHS: Record<string, string> = Object.fromEntries(
  ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].flatMap((m, i) => [
    [m, `${i + 1}`],
    [m.slice(0, 3), `${i + 1}`],
  ]),
);

// Verbatim fields (doi, url, keywords, …) keep their text; only whitespace runs become one space,
// and the outer braces of a wholly braced doi/url are dropped.
function plainVerbatim(field: string, value: string): string | undefined {
  if (VERBATIM_UNSAFE.test(value)) return undefined;
  let text = value;
  if (/[{}]/.test(value)) {
    const items = topLevel(value);
    if (!items) return undefined;
    if (items.length === 1 && items[0].kind === "group" && typeof FieldMode.verbatim.find((t) => t === field) === "string") text = text.slice(1, -1);
  }
  return text.replace(/[ \t\n]+/g, " ").trim();
}

/**
 * Text as the library renders it: braces dropped, each whitespace run one space, the known
 * escapes replaced, and within each brace-free stretch the ligatures --- -- '' `` joined.
 * A letter command swallows the whitespace after it, as in TeX.
 */
export function plainText(value: string): string | undefined {
  if (TEXT_UNSAFE.test(value)) return undefined;
  const special = /[{}\\]/g;
  let out = "";
  let from = 0;
  for (let match = special.exec(value); ; match = special.exec(value)) {
    const to = match ? match.index : value.length;
    if (to > from) out += ligatures(value.slice(from, to).replace(/[ \t\n]+/g, " "));
    if (!match) return out;
    let i = to;
    if (value[i] === "\\") {
      const next = value[i + 1];
      if (next !== undefined && Object.hasOwn(SYMBOLS, next)) {
        out += SYMBOLS[next];
        from = special.lastIndex = i + 2;
        continue;
      }
      const name = /^[A-Za-z]+/.exec(value.slice(i + 1, i + 40))?.[0];
      if (!name || !Object.hasOwn(WORDS, name)) return undefined;
      const after = value[i + 1 + name.length];
      if (after !== undefined && !/[ \t\n{}.,;:()\[\]\/0-9-]/.test(after)) return undefined;
      out += WORDS[name];
      i += name.length;
      while (/[ \t\n]/.test(value[i + 1] ?? "")) i++;
    }
    from = special.lastIndex = i + 1;
  }
}

function ligatures(text: string): string {
  if (!/--|''|``/.test(text)) return text;
  return text.replace(/---?/g, (d) => (d.length === 3 ? "\u2014" : "\u2013")).replace(/''/g, "\u201D").replace(/``/g, "\u201C");
}

type Item = { kind: "space" | "text" | "group"; raw: string };

const PIECE = /[ \t\n]+|[^ \t\n{}]+/y;

/** The value's top-level pieces: whitespace runs, brace groups and the text between; undefined if braces do not balance. */
function topLevel(value: string): Item[] | undefined {
  const items: Item[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === "{") {
      const start = i;
      const brace = /[\\{}]/g;
      brace.lastIndex = i;
      let depth = 0;
      for (let m = brace.exec(value); m; m = brace.exec(value)) {
        if (m[0] === "\\") brace.lastIndex = m.index + 2;
        else if ((depth += m[0] === "{" ? 1 : -1) === 0) {
          i = m.index + 1;
          break;
        }
      }
      if (depth !== 0) return undefined;
      items.push({ kind: "group", raw: value.slice(start, i) });
    } else if (c === "}") {
      return undefined;
    } else {
      PIECE.lastIndex = i;
      const raw = PIECE.exec(value)![0];
      items.push({ kind: c === " " || c === "\t" || c === "\n" ? "space" : "text", raw });
      i += raw.length;
    }
  }
  return items;
}

const join = (items: Item[]) => items.map((it) => it.raw).join("");

/** The library's split of a name or literal list on a whitespace-delimited "and" (its split()). */
function splitOnAnd(items: Item[]): Item[][] {
  const types = items.map((it) => (it.kind === "space" ? " " : it.kind === "text" && /^and$/i.test(it.raw) ? "&" : ".")).join("");
  const rest = [...items];
  const roots: Item[][] = [];
  types.split(/(^& | & | &$)/).forEach((match, i) => {
    const content = match.length ? rest.splice(0, match.length) : [];
    if (i % 2 === 0) roots.push(content);
  });
  return roots;
}

function plainCreators(value: string): Creator[] | undefined {
  // A backslash inside a name (an accent, mostly) or "=" (BibLaTeX's family=…, given=… names) is the library's job.
  if (value.includes("\\") || value.includes("=")) return undefined;
  const items = topLevel(value);
  if (!items) return undefined;
  const creators: Creator[] = [];
  for (const root of splitOnAnd(items)) {
    const creator = plainCreator(root);
    if (creator === undefined) return undefined;
    if (Object.keys(creator).length) creators.push(creator);
  }
  return creators;
}

// The library's parseCreator for names without commands, then its trimCreator (empty parts dropped).
function plainCreator(items: Item[]): Creator | undefined {
  const render = (part: Item[]) => plainText(join(part));
  if (items.length === 1 && items[0].kind === "group") {
    const name = render(items);
    return name === undefined ? undefined : trimmed({ name });
  }
  if (items.some((it) => it.kind === "text" && it.raw.includes(","))) {
    const parts = render(items)?.split(",").map((p) => p.trim());
    if (parts === undefined || items.some((it) => it.kind === "group" && it.raw.includes(","))) return undefined;
    if (parts.length === 3 && parts[2] === "") parts.pop();
    if (parts.length > 3) return undefined; // the library reports such a name; let it
    const [written, suffix, firstName] = parts.length === 2 ? [parts[0], undefined, parts[1]] : parts;
    // "van der Berg, Jan": the library takes a lowercase lead as the prefix.
    const m = /^([a-z'. ]+) (.+)/.exec(written);
    return trimmed({ lastName: m ? m[2] : written, firstName, prefix: m?.[1], suffix });
  }
  const chunks: Item[][] = [[]];
  for (const it of items) {
    if (it.kind === "space") chunks.push([]);
    else chunks[chunks.length - 1].push(it);
  }
  const names: string[] = [];
  for (const chunk of chunks) {
    const name = render(chunk);
    if (name === undefined) return undefined;
    if (name) names.push(name);
  }
  if (names.length === 1) return trimmed({ lastName: names[0] });
  const prefix = names.findIndex((n) => /^[a-z]/.test(n));
  const postfix = prefix <= 0 ? -1 : names.findIndex((n, i) => i > prefix && !/^[a-z]/.test(n));
  if (postfix === -1) {
    const lastName = names.pop();
    return trimmed({ lastName, firstName: names.join(" ") });
  }
  return trimmed({ firstName: names.slice(0, prefix).join(" "), prefix: names.slice(prefix, postfix).join(" "), lastName: names.slice(postfix).join(" ") });
}

function trimmed(creator: Record<string, string | undefined>): Creator {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(creator)) if (v !== undefined && v.trim()) out[k] = v.trim();
  return out as Creator;
}
