import type { SofRow } from "@/lib/analyses/grade";
import type { GradeJudgement } from "@/lib/analyses/schema";

/** GRADE summary of findings: the numbers from the analyses, hints per domain, the reviewers' certainty. */
export function SofTable({ rows }: { rows: (SofRow & { name: string; grade: GradeJudgement })[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="sof-table">
        <caption className="px-3 py-2 text-left font-medium">Summary of findings (GRADE)</caption>
        <thead className="bg-slate-50 text-left">
          <tr>{["Outcome", "Relative effect [95% CI]", "Studies (participants)", "Absolute effect (per 1,000)", "Domain hints", "Certainty", "Footnotes"].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">{r.outcome}<span className="block text-xs text-slate-500">{r.name}</span></td>
              <td className="px-3 py-2 tabular-nums">{r.effect}</td>
              <td className="px-3 py-2 tabular-nums">{r.k}{r.participants !== null ? ` (${r.participants})` : ""}</td>
              <td className="px-3 py-2 tabular-nums">
                {r.absolute
                  ? `${r.absolute.perThousandControl.toFixed(0)} with control, ${r.absolute.perThousandIntervention.toFixed(0)} with intervention (${r.absolute.difference >= 0 ? "+" : ""}${r.absolute.difference.toFixed(0)}, ${r.absolute.differenceLower.toFixed(0)} to ${r.absolute.differenceUpper.toFixed(0)}); median control risk`
                  : "—"}
              </td>
              <td className="px-3 py-2">
                <ul className="space-y-1 text-xs">
                  {r.hints.map((h) => <li key={h.domain} className={h.concern ? "text-amber-800" : "text-slate-600"}><span className="font-medium">{h.domain}:</span> {h.text}</li>)}
                </ul>
              </td>
              <td className="px-3 py-2">{r.grade.certainty ?? "Not judged"}</td>
              <td className="px-3 py-2 text-xs whitespace-pre-line">{r.grade.footnotes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
