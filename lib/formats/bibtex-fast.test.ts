import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { LIBRARY_OPTIONS, mergeLatexFields, splitPlainFields, type Library } from "./bibtex-fast";
import { convertPlainField } from "./bibtex-plain";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures");
const TESTDATA = path.join(__dirname, "testdata");

function bibFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.bib$/i.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

/** The fast path's result for a file: plain fields here, the rest through the library. */
function fastLibrary(text: string): Library | undefined {
  const split = splitPlainFields(text);
  if (!split) return undefined;
  return split.latex ? mergeLatexFields(split, parse(split.latex, LIBRARY_OPTIONS)) : { entries: split.entries, errors: [] };
}

/** Field by field, so that a difference names its entry and field. */
function expectSameEntries(fast: Library, library: Library) {
  expect(fast.entries.map((e) => `${e.type}:${e.key}`)).toEqual(library.entries.map((e) => `${e.type}:${e.key}`));
  library.entries.forEach((entry, i) => {
    const got = fast.entries[i].fields as Record<string, unknown>;
    expect(Object.keys(got), `@${entry.key} field order`).toEqual(Object.keys(entry.fields));
    for (const [name, value] of Object.entries(entry.fields)) expect(got[name], `@${entry.key} ${name}`).toEqual(value);
  });
}

const files = [...bibFiles(FIXTURES), ...bibFiles(TESTDATA)];

describe("BibTeX fast path", () => {
  it("finds the shared .bib fixtures", () => {
    expect(files.filter((f) => f.startsWith(FIXTURES)).length).toBeGreaterThanOrEqual(existsSync(FIXTURES) ? 2 : 0);
  });

  it.each(files.map((f) => [path.relative(path.dirname(FIXTURES), f), f]))("%s: the library's fields, field by field", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const library = parse(text, LIBRARY_OPTIONS);
    const fast = fastLibrary(text);
    expect(fast, "a well-formed fixture takes the fast path").toBeDefined();
    expect(library.errors).toEqual([]);
    expectSameEntries(fast!, library);
  }, 300_000); // the library needs 10-45 s for the 1,000-record file on a busy 2-core machine

  it("agrees with the library on generated tricky values in every kind of field", () => {
    // Ligatures (-- '' ``), braces, escapes, "and", commas, prefixes, whitespace runs, non-ASCII.
    const atoms = [
      "Smith", "van", "de la", "{van}", "{Ben Walton}", "J.", "Jr", "and", " and ", "AND", " ", "  ", "\n", "\t", ",", ", ", ".", "-", "--", "---", "'", "''", "`", "``",
      "{x}", "{ y }", "\\%", "\\&", "\\_", "\\#", "\\$", "\\{", "\\}", "\\textless", "\\textgreater{}", " \\textless 0.05", "\\textbar", "&", "#", "@", "|", "é", "Ø", "(", ")", ":", ";", "/", "?", "\"", "=", "2020", "08",
    ];
    let seed = 20261202;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const values: string[] = [];
    while (values.length < 150) {
      let v = "";
      for (let n = 1 + Math.floor(next() * 8); n > 0; n--) v += atoms[Math.floor(next() * atoms.length)];
      if (v.trim() && convertPlainField("title", v) !== undefined) values.push(v);
    }
    const fields = ["title", "author", "editor", "publisher", "location", "doi", "url", "keywords", "year", "month", "journal", "annote", "pages", "abstract"];
    const text = values.map((v, i) => `@article{k${i},\n${fields.map((f) => `${f} = {${v}}`).join(",\n")}\n}\n`).join("\n");
    const library = parse(text, LIBRARY_OPTIONS);
    const fast = fastLibrary(text);
    if (library.errors.length) {
      // A name the library complains about (more than three comma parts) sends the whole file to the library.
      expect(fast).toBeUndefined();
      return;
    }
    expectSameEntries(fast!, library);
  }, 120_000);

  it("reads @string, @comment, quotes, # concatenation, month macros, duplicate fields and comments as the library does", () => {
    const text = String.raw`% a comment line @article{not, title={no}}
@string{jvim = "Journal of Veterinary {Internal} Medicine"}
@STRING(abbr = {J. Vet.})
@comment{ anything {nested} here }
@comment this line is a comment
@article{k1,
  title = "Quoted {Title} with \"escaped\" and {braces}",
  journal = jvim # { and } # abbr,
  month = aug, year = 2020,
  keywords = {a, b; c},
  Keywords = {d,a},
  title = {Second title},
  pages = {1--5},
  note = {   },
  abstract = {Line one
   line two   with  spaces \{escaped\} braces},
}
@Book(k2, author = {Doe, John and {Acme Corp.} and van Dyke, Dick and Smith, Jr., Bob}, publisher = {Wiley and Sons}, year = "1999")
@misc{, title = {No key}}
@article{k3, % comment inside
  title = {T}, % trailing
  doi = {{10.1000/ABC}},
  url = {http://x.org/a_b?c=d&e},
}
`;
    const library = parse(text, LIBRARY_OPTIONS);
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(4);
    expectSameEntries(fastLibrary(text)!, library);
  });

  it("leaves to the library whatever it would report or treat specially", () => {
    for (const text of [
      "@article{x,\n  title = {Unclosed\n",
      "@article{x, title = {A}, journal = nosuchstring}",
      '@preamble{"\\newcommand{\\foo}{bar}"}\n@article{x, title = {\\foo}}',
      "@article{x, title = {A}, crossref = {y}}\n@book{y, title = {B}}",
      "@article{x, title = {A} journal = {B}}",
    ]) {
      expect(splitPlainFields(text), text).toBeUndefined();
    }
  });

  it("passes LaTeX to the library and keeps plain fields", () => {
    expect(convertPlainField("title", "Caf{\\'e} and {DNA}")).toBeUndefined();
    expect(convertPlainField("title", "p $<$ 0.05")).toBeUndefined();
    expect(convertPlainField("author", "M{\\\"u}ller, J.")).toBeUndefined();
    expect(convertPlainField("title", "{Cocker} {Spaniel} dogs, 50\\% of them, p \\textless 0.05")).toBe("Cocker Spaniel dogs, 50% of them, p <0.05");
    expect(convertPlainField("author", "Larsen, LJ and {World Health Organization} and Jan van der Berg")).toEqual([
      { lastName: "Larsen", firstName: "LJ" },
      { name: "World Health Organization" },
      { firstName: "Jan", prefix: "van der", lastName: "Berg" },
    ]);
  });
});
