import type { RobAgreement } from "@/lib/rob/agreement";

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "—");

/** Kappa per item and pooled, with percent agreement and PABAK (kappa misleads when most answers are "unclear"). */
export function RobAgreementTable({ agreement, labels }: { agreement: RobAgreement; labels: Record<string, string> }) {
  const rows = [...agreement.items.map((a) => ({ ...a, name: `${a.item} ${labels[a.item] ?? ""}` })), { ...agreement.overall, item: "overall", name: "All items pooled" }];
  return (
    <table className="w-full text-sm" data-testid="rob-agreement">
      <caption className="sr-only">Agreement between raters on first independent judgements</caption>
      <thead>
        <tr className="text-left text-xs text-slate-600">
          <th scope="col">Item</th><th scope="col">n</th><th scope="col">Kappa (95% CI)</th><th scope="col">Agreement</th><th scope="col">PABAK</th><th scope="col">Weighted kappa</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.item} className={`border-t border-slate-100 ${a.item === "overall" ? "font-semibold" : ""}`} data-item={a.item}>
            <th scope="row" className="text-left font-normal">{a.name}</th>
            <td>{a.n}</td>
            <td>{f(a.kappa)} ({f(a.ciLower)} to {f(a.ciUpper)})</td>
            <td>{Number.isFinite(a.observedAgreement) ? `${(100 * a.observedAgreement).toFixed(0)}%` : "—"}</td>
            <td>{f(a.pabak)}</td>
            <td>{f(a.weightedKappa)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
