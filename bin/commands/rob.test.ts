/**
 * `sieve rob` on a real database: two raters import 17 studies × 10 SYRCLE items, agreement
 * matches psych::cohen.kappa on the same judgements, errors name the row, and the export writes
 * a robvis-ready CSV and both plots once disagreements are settled.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember } from "@/lib/screening/test-records";
import { acceptAgreements, setConsensus } from "@/lib/rob/mutations";
import { robCommand } from "./rob";
import { CliError } from "./types";

// The judgements of lib/rob/agreement.test.ts (one string per item over 17 studies; L/U/H).
const RATER1 = ["UULLHLHLUUUHUHULL", "LHUULHLULUUUUUUUU", "LUULHHHLHLLLHLHLU", "LLHHULLUHLHUUUUUU", "UHLULULULLLLUHLUU", "LHULLHUUUHUULUUUL", "LLHHULUUULUHLHLHU", "LULLULLHULLUUHHLU", "UHLLLLLUUUHUUULUH", "LLLUUULULUULHUUUL"];
const RATER2 = ["UULHHLHLUHLHULHLL", "LHUULHHULUULUUUUU", "LUULHHHLHUHLHHHLU", "HLHHULLUHLHUULUUU", "LHLUHULULLLLUHLUU", "LHULHHUULHUULUUHL", "LLHHHLHUUUUHLHHHU", "LHLLULHHULLUUHHUH", "UHULLLLHLUHULULUH", "LLLUUUHULUHLHUUUL"];
const WORD = { L: "low", U: "unclear", H: "high" } as const;
const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-rob-cli-"));

function csvOf(rater: string[]) {
  const lines = ["study,item,judgement,support"];
  rater.forEach((items, i) => [...items].forEach((c, s) => lines.push(`Study ${s + 1},${i + 1},${WORD[c as "L"]},${c === "U" ? "" : `"p. ${s + 1}, ""quoted"""`}`)));
  return lines.join("\n");
}

async function run(args: string[]) {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    expect(await robCommand.run(args)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe("sieve rob", () => {
  it("imports two raters, reports psych's kappa, and exports CSV + plots after consensus", async () => {
    const team = await makeReviewWithTeam();
    const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
    for (let s = 1; s <= 17; s++) await db.study.create({ data: { reviewId: team.review.id, label: `Study ${s}` } });
    const slug = team.review.slug;

    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "study,item,judgement\nStudy 1,1,unclear\nStudy 2,11,low\n");
    await expect(robCommand.run(["import", "--review", slug, "--as", team.reviewer.email, bad])).rejects.toThrow(/row 3: "11" is not an item/);
    writeFileSync(bad, "study,item,judgement\nStudy 1,1,low\n");
    await expect(robCommand.run(["import", "--review", slug, "--as", team.reviewer.email, bad])).rejects.toThrow(/row 2: A low or high judgement needs a supporting quote/);
    writeFileSync(bad, "study,item,judgement\nStudy 99,1,unclear\n");
    await expect(robCommand.run(["import", "--review", slug, "--as", team.reviewer.email, bad])).rejects.toThrow(CliError);
    expect(await db.robRating.count({ where: { assessment: { reviewId: team.review.id } } })).toBe(0);

    for (const [user, rater] of [[team.reviewer, RATER1], [second, RATER2]] as const) {
      const file = path.join(dir, `${user.id}.csv`);
      writeFileSync(file, csvOf(rater));
      expect(await run(["import", "--review", slug, "--as", user.email, file])).toContain("submitted 17 complete studies");
    }

    const json = JSON.parse(await run(["agreement", "--review", slug, "--as", team.owner.email, "--json"]));
    // psych 2.2.9 cohen.kappa(levels = c("L","U","H")) on the pooled 170 pairs: 0.7231852085, SE 0.0441621121.
    expect(json.overall).toMatchObject({ n: 170 });
    expect(json.overall.kappa).toBeCloseTo(0.7231852085, 9);
    expect(json.overall.se).toBeCloseTo(0.0441621121, 9);
    expect(json.items[0].item).toBe("1");
    expect(json.items[0].kappa).toBeCloseTo(0.5641025641, 9);
    expect(Object.keys(json.items[0]).sort()).toEqual(["ciLower", "ciUpper", "item", "kappa", "n", "observedAgreement", "pabak", "se", "weightedKappa"]);

    await writeTransaction(async (tx) => {
      const studies = await tx.study.findMany({ where: { reviewId: team.review.id } });
      for (const study of studies) {
        await acceptAgreements(tx, team.review.id, team.owner.id, study.id);
        const s = Number(study.label.split(" ")[1]) - 1;
        for (let i = 0; i < 10; i++)
          if (RATER1[i][s] !== RATER2[i][s]) await setConsensus(tx, team.review.id, team.owner.id, { studyId: study.id, item: String(i + 1), experiment: "", judgement: "UNCLEAR", note: "Settled at the consensus meeting" });
      }
    });
    const out = path.join(dir, "rob.csv");
    const tl = path.join(dir, "tl.svg");
    const summary = path.join(dir, "summary.svg");
    expect(await run(["export", "--review", slug, "--out", out, "--traffic-light", tl, "--summary", summary])).toContain("Wrote 17 settled studies");
    const csv = readFileSync(out, "utf8").trim().split("\n");
    expect(csv[0]).toBe("Study,Sequence generation,Baseline characteristics,Allocation concealment,Random housing,Blinding (performance),Random outcome assessment,Blinding (detection),Incomplete outcome data,Selective outcome reporting,Other sources of bias,Weight");
    // Study 1: both raters U on item 1 → Unclear; item 4 L vs H → settled Unclear.
    expect(csv[1].startsWith("Study 1,Unclear,Low,Low,Unclear,")).toBe(true);
    expect(csv).toHaveLength(18);
    expect(readFileSync(tl, "utf8").match(/data-cell=/g)).toHaveLength(170);
    expect(readFileSync(summary, "utf8")).toContain('data-item="1"');
  });
});
