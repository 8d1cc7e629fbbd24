"use client";
import type { DerivedGroup } from "@/lib/digitiser/mapping";
import { ERROR_BAR_TYPES } from "@/lib/digitiser/schema";
import { POINT_LABELS, POINTS, type GroupDraft, type PointName } from "./clicks";

export type ExperimentOption = { id: string; label: string; groups: { id: string; name: string; n?: number }[] };

/** One row per digitised group: its name (or a group picked from the form), bar type, clicks and the values read. */
export function GroupEditor({
  groups,
  experiments,
  experimentId,
  derived,
  onChange,
  onAdd,
  onReclick,
}: {
  groups: GroupDraft[];
  experiments: ExperimentOption[];
  experimentId: string;
  derived: DerivedGroup[];
  onChange: (groups: GroupDraft[]) => void;
  onAdd: (kind: GroupDraft["kind"]) => void;
  onReclick: (group: number, point: PointName) => void;
}) {
  const formGroups = experiments.find((e) => e.id === experimentId)?.groups ?? [];
  const update = (i: number, patch: Partial<GroupDraft>) => onChange(groups.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <section aria-label="Groups" className="space-y-2 text-sm">
      <div className="flex gap-2">
        <button type="button" className="rounded border px-2 py-1" onClick={() => onAdd("BAR")}>Add a bar / mean ± error</button>
        <button type="button" className="rounded border px-2 py-1" onClick={() => onAdd("BOX")}>Add a box plot</button>
      </div>
      {groups.length > 0 && (
        <table className="w-full text-left">
          <thead><tr><th>Group</th><th>n</th><th>Error bar</th><th>Clicks</th><th>Values read</th><th /></tr></thead>
          <tbody>
            {groups.map((g, i) => {
              const read = derived.find((d, j) => j === i || d.group === g.group);
              return (
                <tr key={i} className="border-t align-top">
                  <td>
                    <input aria-label={`Group ${i + 1} name`} className="w-32 rounded border px-1" value={g.group} onChange={(e) => update(i, { group: e.target.value })} />
                    {formGroups.length > 0 && (
                      <select aria-label={`Group ${i + 1} from the form`} className="ml-1 rounded border" value={g.groupId ?? ""} onChange={(e) => {
                        const picked = formGroups.find((f) => f.id === e.target.value);
                        update(i, { groupId: picked?.id, group: picked?.name ?? g.group, n: picked?.n ?? g.n });
                      }}>
                        <option value="">(not in the form)</option>
                        {formGroups.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
                      </select>
                    )}
                  </td>
                  <td><input aria-label={`Group ${i + 1} n`} className="w-14 rounded border px-1" inputMode="numeric" value={g.n ?? ""} onChange={(e) => update(i, { n: e.target.value ? Number(e.target.value) : undefined })} /></td>
                  <td>
                    {g.kind === "BAR" ? (
                      <select aria-label={`Group ${i + 1} error bar`} className="rounded border" value={g.errorType} onChange={(e) => update(i, { errorType: e.target.value as GroupDraft["errorType"] })}>
                        {ERROR_BAR_TYPES.map((t) => <option key={t} value={t}>{t === "CI95" ? "95% CI" : t}</option>)}
                      </select>
                    ) : "box plot"}
                  </td>
                  <td>
                    {POINTS[g.kind].map((p) => (
                      <button key={p} type="button" className={`mr-1 rounded border px-1 text-xs ${g.points[p] ? "bg-stone-100" : ""}`} onClick={() => onReclick(i, p)} title={`Click the ${POINT_LABELS[p]}`}>
                        {g.points[p] ? "✓ " : ""}{POINT_LABELS[p]}
                      </button>
                    ))}
                  </td>
                  <td data-testid={`derived-${i}`}>{read?.summary ?? "—"}</td>
                  <td><button type="button" className="text-red-700" aria-label={`Remove group ${i + 1}`} onClick={() => onChange(groups.filter((_, j) => j !== i))}>×</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
