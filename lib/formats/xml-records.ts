import { SaxesParser } from "saxes";
import { ParseError } from "./record";

/**
 * A small streaming layer over saxes for record-oriented XML (PubMed, EndNote): it tracks the
 * element path inside each record, folds inline markup (<style>, <i>, <sup>…) into the text of
 * the enclosing field, and reports every element as it closes.
 */

export type XmlField = {
  /** Element path inside the record, e.g. "titles/title" or "MedlineCitation/PMID". */
  path: string;
  name: string;
  /** Text of the element and its inline descendants, whitespace-trimmed. */
  text: string;
  attributes: Record<string, string>;
};

export type XmlRecordHandler = {
  /** Element names that delimit one record (e.g. "record", "PubmedArticle"). */
  recordTags: Set<string>;
  /** Elements whose text belongs to the enclosing element (formatting markup). */
  inlineTags: Set<string>;
  startRecord(name: string, line: number): void;
  /** Called for every non-inline element inside a record when it closes (children first). */
  field(field: XmlField): void;
  endRecord(name: string): void;
};

type Frame = { name: string; text: string; attributes: Record<string, string> };

// Named entities some exporters emit although XML only predefines five.
const EXTRA_ENTITIES: Record<string, string> = {
  nbsp: "\u00a0", ndash: "\u2013", mdash: "\u2014", hellip: "\u2026", lsquo: "\u2018", rsquo: "\u2019",
  ldquo: "\u201c", rdquo: "\u201d", deg: "\u00b0", plusmn: "\u00b1", micro: "\u00b5", times: "\u00d7", middot: "\u00b7",
};

const CHUNK = 1 << 16;

/** Streams XML text (one string or chunks) through saxes; malformed XML throws a ParseError with its line. */
export function streamXmlRecords(input: string | Iterable<string>, handler: XmlRecordHandler): void {
  const parser = new SaxesParser({ position: true });
  Object.assign(parser.ENTITIES, EXTRA_ENTITIES);
  const stack: Frame[] = [];
  let depthInRecord = -1; // index in stack of the record element, -1 outside records

  parser.on("opentag", (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (depthInRecord === -1 && handler.recordTags.has(tag.name)) {
      depthInRecord = stack.length;
      handler.startRecord(tag.name, parser.line);
    }
    stack.push({ name: tag.name, text: "", attributes });
  });
  const onText = (text: string) => {
    if (depthInRecord !== -1 && stack.length) stack[stack.length - 1].text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    const frame = stack.pop();
    if (!frame || depthInRecord === -1) return;
    if (stack.length === depthInRecord) {
      depthInRecord = -1;
      handler.endRecord(frame.name);
      return;
    }
    if (handler.inlineTags.has(frame.name)) {
      stack[stack.length - 1].text += frame.text;
      return;
    }
    let path = frame.name;
    for (let i = stack.length - 1; i > depthInRecord; i--) path = `${stack[i].name}/${path}`;
    handler.field({ path, name: frame.name, text: frame.text.trim(), attributes: frame.attributes });
  });
  parser.on("error", (error) => {
    throw new ParseError(`malformed XML: ${error.message.replace(/^[^:]*:\d+:\d+:\s*/, "")} (column ${parser.column + 1})`, parser.line);
  });

  if (typeof input === "string") {
    for (let i = 0; i < input.length; i += CHUNK) parser.write(input.slice(i, i + CHUNK));
  } else {
    for (const chunk of input) parser.write(chunk);
  }
  parser.close();
}

/** Appends a value to a raw path, keeping attributes that carry meaning as "path@attr". */
export function addRaw(raw: Record<string, string[]>, field: XmlField, keepAttributes: ReadonlySet<string>): void {
  if (!field.text) return;
  (raw[field.path] ??= []).push(field.text);
  for (const [name, value] of Object.entries(field.attributes)) {
    if (keepAttributes.has(name)) (raw[`${field.path}@${name}`] ??= []).push(value);
  }
}
