import type { RecordDetail } from "@/lib/records/detail";

const WORD: Record<string, string> = { INCLUDE: "Include", EXCLUDE: "Exclude", MAYBE: "Maybe" };
const METHOD: Record<string, string> = { AGREEMENT: "by agreement", ADJUDICATION: "by adjudication" };
const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16);

/** One stage's votes (as blinding lets the viewer see them) and its resolution. */
export function StageVotes({ label, stage }: { label: string; stage: RecordDetail["stages"][number] }) {
  if (!stage.votes.length && !stage.hiddenVotes && !stage.resolution) return null;
  return (
    <section className="space-y-2" aria-label={`${label} screening`} data-testid={`stage-${stage.stage}`}>
      <h3 className="font-medium">{label} screening</h3>
      {stage.resolution ? (
        <p className="text-sm" data-testid="resolution">
          <strong>{WORD[stage.resolution.outcome]}d</strong> {METHOD[stage.resolution.method] ?? ""}
          {stage.resolution.by ? ` by ${stage.resolution.by}` : ""}
          {stage.resolution.reason ? ` — ${stage.resolution.reason}` : ""} <span className="text-slate-500">({when(stage.resolution.at)})</span>
          {stage.resolution.note ? <span className="block text-slate-600">Note: {stage.resolution.note}</span> : null}
        </p>
      ) : (
        <p className="text-sm text-slate-600">Not resolved yet.</p>
      )}
      <table className="w-full bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="px-2 py-1 font-medium">Reviewer</th>
            <th className="px-2 py-1 font-medium">Vote</th>
            <th className="px-2 py-1 font-medium">Reason</th>
            <th className="px-2 py-1 font-medium">Note</th>
          </tr>
        </thead>
        <tbody>
          {stage.votes.map((v) => (
            <tr key={v.id} className="border-b border-slate-100 align-top" data-testid="vote">
              <td className="px-2 py-1">
                {v.reviewer}
                {v.mine ? <span className="text-slate-500"> (you)</span> : null}
              </td>
              <td className="px-2 py-1">
                {WORD[v.decision] ?? v.decision}
                {v.firstDecision !== v.decision ? <span className="text-xs text-slate-500"> (first {WORD[v.firstDecision]?.toLowerCase()})</span> : null}
              </td>
              <td className="px-2 py-1">{v.reason ?? ""}</td>
              <td className="break-words px-2 py-1 text-slate-700">{v.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stage.hiddenVotes ? (
        <p className="text-xs text-slate-600" data-testid="hidden-votes">
          {stage.hiddenVotes} other vote{stage.hiddenVotes === 1 ? " is" : "s are"} hidden while screening is blinded.
        </p>
      ) : null}
    </section>
  );
}
