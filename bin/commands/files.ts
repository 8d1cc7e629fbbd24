import { readFile } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import Papa from "papaparse";
import { parseBuffer } from "@/lib/formats/parse";
import { ParseError, type ImportFormat, type ParseResult } from "@/lib/formats/record";
import { CliError } from "./types";

/** node:util parseArgs whose unknown-option errors become a usage error (exit 2) with the usage text. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`, 2);
  }
}

export async function readInputFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message}`);
  }
}

/** Parses an export as the web app does; a broken file is a one-line error naming the file and line. */
export async function parseExportFile(file: string, format: ImportFormat | "auto" = "auto"): Promise<ParseResult> {
  const bytes = await readInputFile(file);
  try {
    return parseBuffer(bytes, { format, fileName: file });
  } catch (error) {
    if (error instanceof ParseError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

/** A CSV with a header row (metafor-style analysis data, rating tables). */
export async function readCsvFile(file: string): Promise<{ fields: string[]; rows: Record<string, string>[] }> {
  const text = (await readInputFile(file)).toString("utf8");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}
