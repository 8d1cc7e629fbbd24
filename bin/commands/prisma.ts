import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { renderPrismaFlow } from "@/lib/charts/prisma-flow";
import { getReviewFlow } from "@/lib/flow/data";
import { svgToPdf, svgToPng } from "@/lib/flow/export";
import { ALL_FIELDS, FIELD_LABELS, isCountField } from "@/lib/flow/fields";
import type { Flow } from "@/lib/flow/model";
import { flowToPrismaCsv } from "@/lib/flow/prisma-csv";
import { CliError, type Command } from "./types";
import { actAs, printResult } from "./io";

/** Every box under its PRISMA2020 field name: a number, or [{label, n}] for the per-source and per-reason lists. */
function boxesOf(flow: Flow) {
  return Object.fromEntries(ALL_FIELDS.map((f) => [f, isCountField(f) ? flow.counts[f].n : flow.lists[f].items.map(({ label, n }) => ({ label, n }))]));
}

function enteredByHand(flow: Flow): string[] {
  return ALL_FIELDS.filter((f) => (isCountField(f) ? flow.counts[f].source : flow.lists[f].source) === "manual");
}

/**
 * `sieve prisma --review SLUG`: the review's PRISMA 2020 flow, counted by the same code as the
 * web page. Like `review list`, it reads the database as its operator, without a review role;
 * with --as EMAIL it reads as that member, and refuses a non-member as the web page does.
 */
export const prismaCommand: Command = {
  summary: "PRISMA 2020 flow of a review: counts (--json) and the diagram (--svg/--png/--pdf/--csv FILE)",
  usage: [
    "Usage: npm run --silent sieve -- prisma --review SLUG [--as EMAIL] [--json] [--svg FILE] [--png FILE] [--pdf FILE] [--csv FILE]",
    "",
    "  --as EMAIL   read as that member of the review (default: as the server operator)",
    "  --json       print every box's count under its PRISMA2020 field name, the fields entered by hand, and the checks",
    "  --svg FILE   write the diagram as SVG (also --png, --pdf; --csv writes the PRISMA2020 package's CSV)",
    "",
    "Exit code 0 whether or not checks fail; failed checks are listed (text) or have ok:false (JSON).",
  ].join("\n"),
  async run(argv) {
    let values: { review?: string; as?: string; json?: boolean; svg?: string; png?: string; pdf?: string; csv?: string };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { review: { type: "string" }, as: { type: "string" }, json: { type: "boolean" }, svg: { type: "string" }, png: { type: "string" }, pdf: { type: "string" }, csv: { type: "string" } },
      }));
    } catch (error) {
      throw new CliError(`prisma: ${(error as Error).message}`, 2);
    }
    if (!values.review) throw new CliError("--review SLUG is required", 2);
    if (values.as !== undefined) await actAs(values.as, values.review, "view");
    const review = await db.review.findUnique({ where: { slug: values.review }, select: { id: true, slug: true, title: true } });
    if (!review) throw new CliError(`review "${values.review}" not found`);
    const { flow, checks } = await getReviewFlow(review.id, review.slug);

    const written: string[] = [];
    const write = async (file: string | undefined, body: () => string | Buffer | Promise<Buffer>) => {
      if (!file) return;
      await writeFile(file, await body());
      written.push(file);
    };
    const svg = renderPrismaFlow(flow);
    await write(values.svg, () => `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
    await write(values.png, () => svgToPng(svg));
    await write(values.pdf, () => svgToPdf(svg, { title: `PRISMA 2020 flow diagram: ${review.title}` }));
    await write(values.csv, () => flowToPrismaCsv(flow));

    const result = { review: review.slug, mode: flow.mode, boxes: boxesOf(flow), enteredByHand: enteredByHand(flow), checks };
    if (values.json) {
      printResult(true, result, "");
      return 0;
    }
    const lines = ALL_FIELDS.map((f) => {
      const value = isCountField(f) ? flow.counts[f].n.toLocaleString("en-US") : flow.lists[f].items.map((i) => `${i.label}: ${i.n}`).join("; ") || "-";
      return `${f.padEnd(27)} ${value.padStart(7)}${result.enteredByHand.includes(f) ? " (by hand)" : ""}  ${FIELD_LABELS[f]}`;
    });
    const failed = checks.filter((c) => !c.ok);
    lines.push("", failed.length ? `${failed.length} check(s) failed:` : "All checks pass.");
    for (const c of failed) lines.push(`  ✗ ${c.label}: expected ${c.expected}, diagram shows ${c.actual}${c.detail ? `. ${c.detail}` : ""}`);
    for (const file of written) lines.push(`Wrote ${file}`);
    printResult(false, null, lines.join("\n"));
    return 0;
  },
};
