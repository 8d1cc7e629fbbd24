import type { PairAgreement } from "@/lib/screening/agreement-input";

type Row = PairAgreement & {
  nameA: string;
  nameB: string;
  /** Records the stage's assignment gave both reviewers; null when everyone screens everything. */
  assignedToBoth?: number | null;
};

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "—");

/** Per-pair agreement on first votes, with the rule that produced it. */
export function AgreementTable({ rows, csvHref }: { rows: Row[]; csvHref: string }) {
  return (
    <div className="space-y-2">
      {rows.length ? (
        <table className="w-full text-left text-sm" data-testid="agreement">
          <thead className="text-xs text-slate-600">
            <tr>
              <th className="py-1">Reviewers</th>
              <th>Overlap (screened by both)</th>
              <th>Agreement</th>
              <th>Cohen&apos;s κ (95% CI)</th>
              <th>PABAK</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.reviewerA}-${r.reviewerB}`} className="border-t border-slate-100">
                <td className="py-1">
                  {r.nameA} · {r.nameB}
                </td>
                <td className="tabular-nums">
                  {r.n}
                  {r.assignedToBoth != null ? <span className="block text-xs text-slate-500">assigned to both: {r.assignedToBoth}</span> : null}
                </td>
                <td className="tabular-nums">{f(100 * r.percentAgreement, 1)}%</td>
                <td className="tabular-nums">
                  {f(r.kappa, 3)} ({f(r.ciLower, 3)} to {f(r.ciUpper, 3)}) <span className="text-xs text-slate-500">{r.label}</span>
                </td>
                <td className="tabular-nums">{f(r.pabak, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No record has votes from two reviewers yet.</p>
      )}
      <p className="text-xs text-slate-600">
        Computed only on the records both reviewers of a pair screened (the overlap), on each reviewer&apos;s first, independent vote (later changes and adjudication do not count). A “maybe” counts as include, as Covidence does. κ and its
        95% CI use the Fleiss–Cohen–Everitt standard error, exactly as <code>sieve kappa</code>; PABAK = 2·agreement − 1.{" "}
        <a href={csvHref} className="text-brand-700 underline">
          Download CSV
        </a>
      </p>
    </div>
  );
}
