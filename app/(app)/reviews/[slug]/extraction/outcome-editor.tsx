"use client";
import { useState } from "react";
import { convertArm } from "@/lib/stats/arm-conversion";
import { ARM_STATS } from "@/lib/extraction/cells";
import type { ArmResult, Experiment, OutcomeData } from "@/lib/extraction/schema";

type Outcome = { name: string; unit: string; type: string };
type Messages = Record<string, string[] | undefined>;
const STAT_LABEL: Record<string, string> = { n: "n", mean: "Mean", sd: "SD", se: "SE", ciLower: "95% CI low", ciUpper: "95% CI high", median: "Median", q1: "Q1", q3: "Q3", min: "Min", max: "Max", events: "Events" };
const input = "w-20 rounded border border-slate-300 px-1 py-0.5 text-sm";
let counter = 0;
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Index of each arm in what is sent, so a server error (outcomeData.arms.3.sd) lands under its cell. */
export function armIndex(data: OutcomeData, arm: Pick<ArmResult, "experimentId" | "groupId" | "outcome" | "timepoint">) {
  return data.arms.findIndex((a) => a.experimentId === arm.experimentId && a.groupId === arm.groupId && a.outcome === arm.outcome && a.timepoint === arm.timepoint);
}

function Conversion({ arm }: { arm: ArmResult | undefined }) {
  if (!arm || arm.data.events !== undefined) return null;
  const c = convertArm(arm.data);
  return c.ok ? (
    <span className="text-xs text-slate-700" title={c.method}>
      {c.from === "SD" ? "as reported" : `mean ${c.mean.toPrecision(4)}, SD ${c.sd.toPrecision(4)} — ${c.method}`}
    </span>
  ) : (
    <span className="text-xs text-amber-800">not converted: {c.reason}</span>
  );
}

function ExperimentEditor({ x, index, data, setData, outcomes, errors, warnings, disabled }: { x: Experiment; index: number; data: OutcomeData; setData: (d: OutcomeData) => void; outcomes: Outcome[]; errors: Messages; warnings: Messages; disabled: boolean }) {
  const [table, setTable] = useState({ outcome: outcomes[0]?.name ?? "", timepoint: "" });
  const [extraTables, setExtraTables] = useState<{ outcome: string; timepoint: string }[]>([]);
  const update = (next: Experiment) => setData({ ...data, experiments: data.experiments.map((e) => (e.id === x.id ? next : e)) });
  const tables = [...new Map([...data.arms.filter((a) => a.experimentId === x.id), ...extraTables].map((t) => [JSON.stringify([t.outcome, t.timepoint]), { outcome: t.outcome, timepoint: t.timepoint }])).values()];
  const setArm = (groupId: string, outcome: string, timepoint: string, patch: (a: ArmResult) => ArmResult) => {
    const key = { experimentId: x.id, groupId, outcome, timepoint };
    const at = armIndex(data, key);
    const current: ArmResult = at >= 0 ? data.arms[at] : { ...key, data: { unit: "" }, locator: "" };
    const next = patch(current);
    const empty = ARM_STATS.every((s) => next.data[s] === undefined) && !next.locator;
    const arms = [...data.arms];
    if (at >= 0) {
      if (empty) arms.splice(at, 1);
      else arms[at] = next;
    } else if (!empty) arms.push(next);
    setData({ ...data, arms });
  };
  const prefix = `outcomeData.experiments.${index}`;
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-3" disabled={disabled}>
      <legend className="px-1 text-sm font-semibold">{x.label}</legend>
      <div className="flex flex-wrap gap-3 text-sm">
        <label>
          Experiment label <input className="ml-1 rounded border border-slate-300 px-2 py-0.5" value={x.label} onChange={(e) => update({ ...x, label: e.target.value })} />
        </label>
        <label>
          Stated total n <input className={input} type="number" min={1} value={x.totalN ?? ""} onChange={(e) => update({ ...x, totalN: e.target.value ? Number(e.target.value) : undefined })} />
        </label>
        <button type="button" className="text-red-700 underline" onClick={() => setData({ ...data, experiments: data.experiments.filter((e) => e.id !== x.id), arms: data.arms.filter((a) => a.experimentId !== x.id), effects: data.effects.filter((e) => e.experimentId !== x.id) })}>
          Remove experiment
        </button>
      </div>
      <Hint text={warnings[`${prefix}.totalN`]} warn />
      <table className="text-sm">
        <caption className="text-left font-medium">Groups</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th>Name</th><th>Model</th><th>Treatment</th><th>Dose / route</th><th>Control</th><th>Sham</th><th>n</th><th />
          </tr>
        </thead>
        <tbody>
          {x.groups.map((g, gi) => {
            const set = (patch: Partial<typeof g>) => update({ ...x, groups: x.groups.map((o) => (o.id === g.id ? { ...o, ...patch } : o)) });
            return (
              <tr key={g.id}>
                <td><input aria-label={`Group ${gi + 1} name`} className="w-36 rounded border border-slate-300 px-1" value={g.name} onChange={(e) => set({ name: e.target.value })} /></td>
                <td><input aria-label={`${g.name} model`} className="w-28 rounded border border-slate-300 px-1" value={g.model} onChange={(e) => set({ model: e.target.value })} /></td>
                <td><input aria-label={`${g.name} treatment`} className="w-28 rounded border border-slate-300 px-1" value={g.treatment} onChange={(e) => set({ treatment: e.target.value })} /></td>
                <td><input aria-label={`${g.name} dose and route`} className="w-28 rounded border border-slate-300 px-1" value={g.descriptors.dose ?? ""} onChange={(e) => set({ descriptors: { ...g.descriptors, dose: e.target.value } })} /></td>
                <td><input aria-label={`${g.name} is a control`} type="checkbox" checked={g.isControl} onChange={(e) => set({ isControl: e.target.checked })} /></td>
                <td><input aria-label={`${g.name} is a sham`} type="checkbox" checked={g.isSham} onChange={(e) => set({ isSham: e.target.checked })} /></td>
                <td><input aria-label={`${g.name} n`} className={input} type="number" min={1} value={g.n ?? ""} onChange={(e) => set({ n: e.target.value ? Number(e.target.value) : undefined })} /></td>
                <td><button type="button" className="text-xs text-red-700 underline" onClick={() => setData({ ...data, experiments: data.experiments.map((e) => (e.id === x.id ? { ...x, groups: x.groups.filter((o) => o.id !== g.id), comparisons: x.comparisons.filter((c) => c.controlGroupId !== g.id && !c.treatmentGroupIds.includes(g.id)) } : e)), arms: data.arms.filter((a) => !(a.experimentId === x.id && a.groupId === g.id)) })}>Remove</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-sm" onClick={() => update({ ...x, groups: [...x.groups, { id: newId("g"), name: `Group ${x.groups.length + 1}`, model: "", treatment: "", isControl: false, isSham: false, descriptors: {} }] })}>
        Add group
      </button>
      <div className="space-y-2 text-sm">
        <p className="font-medium">Comparisons (treatment against a control of this experiment)</p>
        {x.comparisons.map((c, ci) => {
          const set = (patch: Partial<typeof c>) => update({ ...x, comparisons: x.comparisons.map((o) => (o.id === c.id ? { ...o, ...patch } : o)) });
          return (
            <div key={c.id} className="flex flex-wrap items-center gap-2">
              <input aria-label={`Comparison ${ci + 1} label`} className="w-36 rounded border border-slate-300 px-1" value={c.label} onChange={(e) => set({ label: e.target.value })} />
              <span>treatment:</span>
              {x.groups.filter((g) => !g.isControl).map((g) => (
                <label key={g.id}>
                  <input type="checkbox" checked={c.treatmentGroupIds.includes(g.id)} onChange={(e) => set({ treatmentGroupIds: e.target.checked ? [...c.treatmentGroupIds, g.id] : c.treatmentGroupIds.filter((id) => id !== g.id) })} /> {g.name}
                </label>
              ))}
              <label>
                control
                <select aria-label={`Comparison ${ci + 1} control`} className="ml-1 rounded border border-slate-300" value={c.controlGroupId} onChange={(e) => set({ controlGroupId: e.target.value })}>
                  {x.groups.filter((g) => g.isControl).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
                </select>
              </label>
              <label>
                shared control
                <select aria-label={`Comparison ${ci + 1} shared control`} className="ml-1 rounded border border-slate-300" value={c.sharedControl} onChange={(e) => set({ sharedControl: e.target.value as typeof c.sharedControl })}>
                  <option value="NONE">not shared</option>
                  <option value="SPLIT">split its n (Handbook 23.3.4)</option>
                  <option value="COMBINE">combine treatment groups (6.5.2.10)</option>
                </select>
              </label>
              <button type="button" className="text-xs text-red-700 underline" onClick={() => update({ ...x, comparisons: x.comparisons.filter((o) => o.id !== c.id) })}>Remove</button>
              <Hint text={[...(errors[`${prefix}.comparisons.${ci}`] ?? []), ...(errors[`${prefix}.comparisons.${ci}.sharedControl`] ?? [])]} />
            </div>
          );
        })}
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-0.5"
          onClick={() => {
            const control = x.groups.find((g) => g.isControl);
            const treatment = x.groups.find((g) => !g.isControl && !g.isSham);
            update({ ...x, comparisons: [...x.comparisons, { id: newId("c"), label: treatment && control ? `${treatment.name} vs ${control.name}` : `Comparison ${x.comparisons.length + 1}`, treatmentGroupIds: treatment ? [treatment.id] : [], controlGroupId: control?.id ?? "", sharedControl: "NONE" }] });
          }}
        >
          Add comparison
        </button>
      </div>
      {tables.map((t) => (
        <div key={`${t.outcome}|${t.timepoint}`} className="overflow-x-auto">
          <table className="text-sm">
            <caption className="text-left font-medium">
              {t.outcome}
              {t.timepoint ? ` at ${t.timepoint}` : ""} — as reported
            </caption>
            <thead>
              <tr className="text-left text-xs text-slate-600">
                <th>Group</th>
                {ARM_STATS.map((s) => <th key={s}>{STAT_LABEL[s]}</th>)}
                <th>Where found</th>
                <th>Conversion</th>
              </tr>
            </thead>
            <tbody>
              {x.groups.map((g) => {
                const at = armIndex(data, { experimentId: x.id, groupId: g.id, outcome: t.outcome, timepoint: t.timepoint });
                const arm = at >= 0 ? data.arms[at] : undefined;
                return (
                  <tr key={g.id} className="align-top">
                    <th scope="row" className="pr-2 text-left font-normal">{g.name}</th>
                    {ARM_STATS.map((s) => (
                      <td key={s}>
                        <input
                          aria-label={`${g.name} ${t.outcome}${t.timepoint ? ` ${t.timepoint}` : ""} ${STAT_LABEL[s]}`}
                          className={input}
                          type="number"
                          step="any"
                          value={arm?.data[s] ?? ""}
                          aria-invalid={at >= 0 && errors[`outcomeData.arms.${at}.${s}`] ? true : undefined}
                          onChange={(e) => setArm(g.id, t.outcome, t.timepoint, (a) => ({ ...a, data: { ...a.data, [s]: e.target.value === "" ? undefined : Number(e.target.value) } }))}
                        />
                        {at >= 0 ? <Hint text={errors[`outcomeData.arms.${at}.${s}`]} /> : null}
                        {at >= 0 ? <Hint text={warnings[`outcomeData.arms.${at}.${s}`]} warn /> : null}
                      </td>
                    ))}
                    <td>
                      <input aria-label={`${g.name} ${t.outcome} where found`} className="w-28 rounded border border-slate-300 px-1" value={arm?.locator ?? ""} onChange={(e) => setArm(g.id, t.outcome, t.timepoint, (a) => ({ ...a, locator: e.target.value }))} />
                    </td>
                    <td className="max-w-72">
                      <Conversion arm={arm} />
                      {at >= 0 ? <Hint text={errors[`outcomeData.arms.${at}`]} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <label>
          Outcome
          <select aria-label="Outcome for a new data table" className="ml-1 rounded border border-slate-300" value={table.outcome} onChange={(e) => setTable({ ...table, outcome: e.target.value })}>
            {outcomes.map((o) => <option key={o.name} value={o.name}>{o.name}{o.unit ? ` (${o.unit})` : ""}</option>)}
          </select>
        </label>
        <label>
          Time point <input aria-label="Time point for a new data table" className="w-24 rounded border border-slate-300 px-1" value={table.timepoint} onChange={(e) => setTable({ ...table, timepoint: e.target.value })} />
        </label>
        <button type="button" className="rounded border border-slate-300 px-2 py-0.5" disabled={!table.outcome} onClick={() => setExtraTables([...extraTables, { ...table }])}>
          Add outcome data
        </button>
        {outcomes.length === 0 ? <span className="text-xs text-slate-600">The owner has not defined outcomes yet.</span> : null}
      </div>
    </fieldset>
  );
}

export function Hint({ text, warn = false }: { text: string[] | undefined; warn?: boolean }) {
  if (!text?.length) return null;
  return <p className={`text-xs ${warn ? "text-amber-800" : "text-red-700"}`}>{(warn ? "Check: " : "") + text.join(" ")}</p>;
}

/** Experiments → groups → comparisons, and per group × outcome × time point the numbers as reported. */
export function OutcomeEditor(props: { data: OutcomeData; setData: (d: OutcomeData) => void; outcomes: Outcome[]; errors: Messages; warnings: Messages; disabled: boolean }) {
  const { data, setData, disabled } = props;
  return (
    <div className="space-y-3">
      {data.experiments.map((x, i) => <ExperimentEditor key={x.id} x={x} index={i} {...props} />)}
      <button type="button" disabled={disabled} className="rounded border border-slate-300 px-2 py-1 text-sm" onClick={() => setData({ ...data, experiments: [...data.experiments, { id: newId("x"), label: `Experiment ${data.experiments.length + 1}`, groups: [], comparisons: [] }] })}>
        Add experiment
      </button>
    </div>
  );
}
