/**
 * The entry-and-field layer of @retorquere/bibtex-parser (its `verbatim.js`, ISC licence), ported
 * so that a field's raw text can be looked at before deciding whether it needs the library's slow
 * LaTeX pass (bibtex-plain.ts). The library does not export this layer.
 *
 * Only the library's successful path is reproduced. Wherever it would record an error (a token
 * mismatch, an unterminated value, an unresolved @string), this reader gives up instead
 * (returns undefined) and the caller hands the whole file to the library, so a malformed file is
 * still reported by the library, with its line and problem, exactly as before.
 */

export type RawEntry = { type: string; key: string; fields: Record<string, string> };
export type RawLibrary = { entries: RawEntry[]; strings: Record<string, string>; preambles: string[] };

// The library's predefined @string macros (verbatim.js default_strings).
const DEFAULT_STRINGS: Record<string, string> = {
  JAN: "01", JANUARY: "01", FEB: "02", FEBRUARY: "02", MAR: "03", MARCH: "03", APR: "04", APRIL: "04", MAY: "05",
  JUN: "06", JUNE: "06", JUL: "07", JULY: "07", AUG: "08", AUGUST: "08", SEP: "09", SEPTEMBER: "09",
  OCT: "10", OCTOBER: "10", NOV: "11", NOVEMBER: "11", DEC: "12", DECEMBER: "12",
  ACMCS: "ACM Computing Surveys", ACTA: "Acta Informatica", CACM: "Communications of the ACM",
  IBMJRD: "IBM Journal of Research and Development", IBMSJ: "IBM Systems Journal",
  IEEESE: "IEEE Transactions on Software Engineering", IEEETC: "IEEE Transactions on Computers",
  IEEETCAD: "IEEE Transactions on Computer-Aided Design of Integrated Circuits", IPL: "Information Processing Letters",
  JACM: "Journal of the ACM", JCSS: "Journal of Computer and System Sciences", SCP: "Science of Computer Programming",
  SICOMP: "SIAM Journal on Computing", TOCS: "ACM Transactions on Computer Systems", TODS: "ACM Transactions on Database Systems",
  TOG: "ACM Transactions on Graphics", TOMS: "ACM Transactions on Mathematical Software",
  TOOIS: "ACM Transactions on Office Information Systems", TOPLAS: "ACM Transactions on Programming Languages and Systems",
  TCS: "Theoretical Computer Science",
};

const KEY_CHAR = /[+'a-zA-Z0-9&;_:\\./-]|[\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u;

/** Thrown where the library would record an error; never escapes readBibtexFields. */
class Unreadable extends Error {}

/** The library's verbatim reading of `input`, or undefined wherever the library would report an error. */
export function readBibtexFields(input: string): RawLibrary | undefined {
  const reader = new Reader(input);
  try {
    while (reader.readNext());
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
  return reader.result();
}

class Reader {
  private pos = 0;
  private parsing: string | null = null;
  private readonly entries: RawEntry[] = [];
  private readonly strings: Record<string, string> = {};
  private readonly preambles: string[] = [];

  constructor(private readonly input: string) {}

  /** Reads the next directive (entry, @string, @preamble, @comment); false once the input is used up. */
  readNext(): boolean {
    if (this.pos >= this.input.length) return false;
    this.next();
    return true;
  }

  result(): RawLibrary {
    return { entries: this.entries, strings: this.strings, preambles: this.preambles };
  }

  private skipWhitespace() {
    const s = this.input;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === "%") {
        while (this.pos < s.length && s[this.pos] !== "\n") this.pos++;
      } else if (c === " " || c === "\t" || c === "\r" || c === "\n") this.pos++;
      else return;
    }
  }

  private match(token: string, skipAfter = true) {
    this.skipWhitespace();
    if (!this.input.startsWith(token, this.pos)) throw new Unreadable();
    this.pos += token.length;
    if (skipAfter) this.skipWhitespace();
  }

  private tryMatch(token: string, consume = false): boolean {
    this.skipWhitespace();
    const found = this.input.startsWith(token, this.pos);
    if (found && consume) this.pos += token.length;
    return found;
  }

  // Both scan from one significant character to the next, as the library's loops do char by char.
  private valueBraces(): string {
    const s = this.input;
    this.match("{", false);
    const start = this.pos;
    const special = /[\\{}$]/g;
    special.lastIndex = start;
    let depth = 0;
    let math = false;
    for (let m = special.exec(s); m; m = special.exec(s)) {
      const c = m[0];
      if (c === "\\") special.lastIndex = m.index + 2;
      else if (c === "{") depth++;
      else if (c === "$") math = !math;
      else if (depth > 0) depth--;
      else {
        if (math) throw new Unreadable();
        this.pos = m.index + 1;
        return s.substring(start, m.index);
      }
    }
    throw new Unreadable();
  }

  private valueQuotes(): string {
    const s = this.input;
    this.match('"', false);
    const start = this.pos;
    const special = /[\\{}"]/g;
    special.lastIndex = start;
    let depth = 0;
    for (let m = special.exec(s); m; m = special.exec(s)) {
      const c = m[0];
      if (c === "\\") special.lastIndex = m.index + 2;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (depth <= 0) {
        this.pos = m.index + 1;
        return s.substring(start, m.index);
      }
    }
    throw new Unreadable();
  }

  private singleValue(): string {
    if (this.tryMatch("{")) return this.valueBraces();
    if (this.tryMatch('"')) return this.valueQuotes();
    const bare = this.key();
    if (/^\d+$/.test(bare)) return bare;
    const resolved = this.strings[bare.toUpperCase()] || DEFAULT_STRINGS[bare.toUpperCase()];
    if (resolved === undefined) throw new Unreadable(); // the library reports "Unresolved @string reference"
    return resolved;
  }

  private value(): string {
    const values = [this.singleValue()];
    while (this.tryMatch("#")) {
      this.match("#");
      values.push(this.singleValue());
    }
    return values.join("");
  }

  private key(allow = ""): string {
    const s = this.input;
    const start = this.pos;
    for (;;) {
      if (this.pos === s.length) throw new Unreadable();
      const c = s[this.pos];
      if (KEY_CHAR.test(c) || allow.includes(c)) this.pos++;
      else return s.substring(start, this.pos);
    }
  }

  private keyEqualsValue(given = "") {
    const key = given || this.key();
    if (!key) return;
    if (!this.tryMatch("=")) throw new Unreadable();
    this.match("=");
    const value = this.value();
    if (this.parsing === "string") {
      this.strings[key.toUpperCase()] = value;
      return;
    }
    const fields = this.entries[this.entries.length - 1].fields;
    const bare = key.toLowerCase();
    let name = bare;
    for (let postfix = 1; typeof fields[name] === "string"; postfix++) name = `${bare}+duplicate-${postfix}`;
    fields[name] = value;
  }

  private entry(guard: string) {
    if (this.tryMatch(guard)) return;
    const key = this.tryMatch(",") ? "" : this.key('[]*"');
    if (this.tryMatch("=")) this.keyEqualsValue(key);
    else this.entries[this.entries.length - 1].key = key;
    this.tryMatch(",", true);
    if (this.tryMatch(guard)) return;
    this.keyEqualsValue();
    while (this.tryMatch(",", true)) {
      if (this.tryMatch(guard)) return;
      this.keyEqualsValue();
    }
  }

  private comment() {
    const s = this.input;
    while (s[this.pos] === " " || s[this.pos] === "\t") this.pos++;
    if (s[this.pos] === "{") this.valueBraces();
    else while (s[this.pos] !== "\n" && this.pos < s.length) this.pos++;
  }

  private matchGuard(): string {
    for (const [open, close] of ["{}", "()"]) {
      if (this.tryMatch(open)) {
        this.match(open);
        return close;
      }
    }
    throw new Unreadable();
  }

  private next() {
    const s = this.input;
    this.skipWhitespace();
    while (this.pos < s.length && s[this.pos] !== "@") {
      if (s[this.pos] === "%") while (this.pos < s.length && s[this.pos] !== "\n") this.pos++;
      else this.pos++;
    }
    if (this.pos >= s.length) return;
    this.match("@");
    const directive = (this.parsing = this.key().toLowerCase());
    if (directive === "string") {
      const guard = this.matchGuard();
      this.keyEqualsValue();
      this.match(guard);
    } else if (directive === "preamble") {
      this.preambles.push(this.value());
    } else if (directive === "comment") {
      this.comment();
    } else {
      const guard = this.matchGuard();
      this.entries.push({ type: directive, key: "", fields: {} });
      this.entry(guard);
      this.match(guard);
    }
  }
}
