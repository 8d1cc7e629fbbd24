import { SaxesParser } from "saxes";

/**
 * Reads a chart SVG back for structural tests: parses it strictly (throws on malformed XML) and
 * returns the text of every element carrying `data-field`, lines joined by spaces, keyed by field.
 */
export function readSvgBoxes(svg: string): Map<string, string> {
  const parser = new SaxesParser({ xmlns: true });
  const boxes = new Map<string, string[]>();
  const stack: (string | null)[] = [];
  let inText = 0;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const attr = tag.attributes["data-field"];
    const field = attr ? (typeof attr === "string" ? attr : attr.value) : null;
    stack.push(field ?? stack[stack.length - 1] ?? null);
    if (field) boxes.set(field, []);
    if (tag.name === "text") inText++;
  });
  parser.on("text", (text) => {
    const field = stack[stack.length - 1];
    if (inText && field) boxes.get(field)!.push(text);
  });
  parser.on("closetag", (tag) => {
    stack.pop();
    if (tag.name === "text") inText--;
  });
  parser.write(svg).close();
  return new Map([...boxes].map(([k, v]) => [k, v.join(" ")]));
}
