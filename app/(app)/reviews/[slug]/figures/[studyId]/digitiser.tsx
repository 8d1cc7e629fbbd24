"use client";
import { useCallback, useEffect, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveDigitisationAction } from "@/lib/digitiser/actions";
import { deriveAll } from "@/lib/digitiser/mapping";
import type { Calibration, Crop, GroupClicks } from "@/lib/digitiser/schema";
import { FigureCanvas, type Marker, type Mode } from "./figure-canvas";
import { fromClicks, nextSlot, pointAt, POINT_LABELS, POINTS, setPoint, toCalibration, toClicks, type AxisDraft, type GroupDraft, type Slot } from "./clicks";
import { PDF_RENDER_SCALE, pdfPageCount, renderImage, renderPdfPage } from "./load-figure";
import { EvidenceList, type StoredDigitisation } from "./evidence-list";
import { GroupEditor, type ExperimentOption } from "./group-editor";

type Source = { kind: "PDF"; recordId: string; page: number } | { kind: "IMAGE"; imagePath: string; url: string };
type State = { y: AxisDraft; x: AxisDraft | null; groups: GroupDraft[] };

const EMPTY_AXIS: AxisDraft = { scale: "linear", v1: "", v2: "" };
const COLOURS = ["#c2410c", "#1d4ed8", "#15803d", "#7e22ce"];

export function Digitiser(props: {
  slug: string;
  studyId: string;
  pdfs: { recordId: string; title: string }[];
  outcomes: string[];
  experiments: ExperimentOption[];
  stored: StoredDigitisation[];
  asConsensus: boolean;
}) {
  const router = useRouter();
  const [source, setSource] = useState<Source | null>(props.pdfs[0] ? { kind: "PDF", recordId: props.pdfs[0].recordId, page: 1 } : null);
  const [pages, setPages] = useState(0);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [crop, setCrop] = useState<Crop | null>(null);
  const [zoom, setZoom] = useState(1);
  const [mode, setMode] = useState<Mode>("click");
  const [state, setState] = useState<State>({ y: EMPTY_AXIS, x: null, groups: [] });
  const [slot, setSlot] = useState<Slot | null>({ axis: "y", end: "p1" });
  const [last, setLast] = useState<Slot | null>(null);
  const [editing, setEditing] = useState<string | undefined>();
  const [shown, setShown] = useState<string[]>([]);
  const [locator, setLocator] = useState("");
  const [target, setTarget] = useState({ outcome: props.outcomes[0] ?? "", timepoint: "", experimentId: props.experiments[0]?.id ?? "" });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const pdfUrl = (recordId: string) => `/reviews/${props.slug}/screening/full-text/${recordId}/pdf`;

  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    const load = source.kind === "PDF" ? renderPdfPage(pdfUrl(source.recordId), source.page) : renderImage(source.url);
    load.then(
      (c) => {
        if (cancelled) return;
        setCanvas(c);
        setCrop((prev) => (prev && prev.width <= c.width && prev.height <= c.height ? prev : { x: 0, y: 0, width: c.width, height: c.height, renderScale: source.kind === "PDF" ? PDF_RENDER_SCALE : 1, recordId: source.kind === "PDF" ? source.recordId : undefined }));
      },
      () => setStatus({ ok: false, text: "The figure could not be opened." }),
    );
    if (source.kind === "PDF") pdfPageCount(pdfUrl(source.recordId)).then((n) => !cancelled && setPages(n), () => undefined);
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- pdfUrl depends only on slug
  }, [source]);

  const calibration: Calibration | null = useMemo(() => toCalibration(state.y, state.x), [state.y, state.x]);
  const clicks: GroupClicks[] = useMemo(() => toClicks(state.groups), [state.groups]);
  const derived = useMemo(() => (calibration ? deriveAll(calibration, clicks) : []), [calibration, clicks]);

  const place = useCallback(
    (p: { x: number; y: number }) => {
      if (!slot) return;
      setState((s) => setPoint(s, slot, p));
      setLast(slot);
      setSlot(nextSlot(slot, state.groups));
    },
    [slot, state.groups],
  );

  // Arrow keys nudge the last point a quarter of an image pixel (Shift: two pixels).
  function onKeyDown(event: React.KeyboardEvent) {
    if (!last) return;
    const step = event.shiftKey ? 2 : 0.25;
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key];
    const p = pointAt(state, last);
    if (!delta || !p) return;
    event.preventDefault();
    setState((s) => setPoint(s, last, { x: p.x + delta[0], y: p.y + delta[1] }));
  }

  const markers: Marker[] = [];
  if (state.y.p1) markers.push({ at: state.y.p1, label: `y = ${state.y.v1 || "?"}`, colour: "#be123c" });
  if (state.y.p2) markers.push({ at: state.y.p2, label: `y = ${state.y.v2 || "?"}`, colour: "#be123c" });
  if (state.x?.p1) markers.push({ at: state.x.p1, label: `x = ${state.x.v1 || "?"}`, colour: "#a16207" });
  if (state.x?.p2) markers.push({ at: state.x.p2, label: `x = ${state.x.v2 || "?"}`, colour: "#a16207" });
  state.groups.forEach((g, gi) =>
    Object.entries(g.points).forEach(([name, at]) => at && markers.push({ at, label: `${g.group || "group"} ${name}`, colour: COLOURS[gi % COLOURS.length] })),
  );
  props.stored
    .filter((d) => shown.includes(d.id))
    .forEach((d, di) => {
      const colour = ["#0e7490", "#9333ea"][di % 2];
      for (const c of d.points) for (const [name, at] of Object.entries(c)) if (at && typeof at === "object" && "x" in at) markers.push({ at, label: `${d.reviewerName}: ${c.group} ${name}`, colour, shape: "circle" });
      markers.push({ at: d.calibration.y.p1, label: `${d.reviewerName}: y = ${d.calibration.y.p1.value}`, colour, shape: "circle" });
      markers.push({ at: d.calibration.y.p2, label: `${d.reviewerName}: y = ${d.calibration.y.p2.value}`, colour, shape: "circle" });
    });

  function open(d: StoredDigitisation, edit: boolean) {
    setSource(d.sourceKind === "PDF" ? { kind: "PDF", recordId: d.crop.recordId ?? props.pdfs[0]?.recordId ?? "", page: d.page ?? 1 } : { kind: "IMAGE", imagePath: d.imagePath ?? "", url: `/reviews/${props.slug}/figures/image/${d.id}` });
    setCrop(d.crop);
    if (!edit) return setShown((s) => (s.includes(d.id) ? s : [...s, d.id]));
    const y = d.calibration.y;
    setState({ y: { scale: y.scale, p1: y.p1, p2: y.p2, v1: String(y.p1.value), v2: String(y.p2.value) }, x: null, groups: fromClicks(d.points) });
    setLocator(d.locator);
    setEditing(d.id);
    setSlot(null);
  }

  async function upload(file: File) {
    const body = new FormData();
    body.set("file", file);
    const response = await fetch(`/reviews/${props.slug}/figures/${props.studyId}/upload`, { method: "POST", body });
    const result = await response.json();
    if (!result.ok) return setStatus({ ok: false, text: result.error });
    setCrop(null);
    setSource({ kind: "IMAGE", imagePath: result.data.imagePath, url: URL.createObjectURL(file) });
  }

  function save() {
    if (!calibration || !crop || !source) return setStatus({ ok: false, text: "Calibrate the value axis first: click two points on it and type their values." });
    startTransition(async () => {
      const result = await saveDigitisationAction({
        slug: props.slug,
        studyId: props.studyId,
        digitisationId: editing,
        consensus: props.asConsensus,
        locator,
        sourceKind: source.kind,
        page: source.kind === "PDF" ? source.page : undefined,
        imagePath: source.kind === "IMAGE" ? source.imagePath : undefined,
        crop,
        calibration,
        clicks,
        target: target.outcome && target.experimentId ? target : undefined,
      });
      if (!result.ok) return setStatus({ ok: false, text: [result.error, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ") });
      setEditing(result.data.id);
      setStatus({ ok: true, text: result.data.applied.length ? `Saved; values written to the form for ${result.data.applied.join(", ")}.` : "Saved. Pick groups from the form to write their values into it." });
      router.refresh();
    });
  }

  const slotLabel = !slot ? "nothing; pick a point to re-click, or save" : "axis" in slot ? `${slot.axis}-axis reference point ${slot.end === "p1" ? 1 : 2}` : `${state.groups[slot.group]?.group || "group"}: ${POINT_LABELS[slot.point]}`;

  return (
    <div className="space-y-4" onKeyDown={onKeyDown}>
      <section aria-label="Figure source" className="flex flex-wrap items-end gap-3 text-sm">
        {props.pdfs.length > 0 && (
          <label className="flex flex-col">
            Full text
            <select className="rounded border px-2 py-1" value={source?.kind === "PDF" ? source.recordId : ""} onChange={(e) => setSource({ kind: "PDF", recordId: e.target.value, page: 1 })}>
              {props.pdfs.map((p) => (
                <option key={p.recordId} value={p.recordId}>{p.title.slice(0, 80)}</option>
              ))}
            </select>
          </label>
        )}
        {source?.kind === "PDF" && (
          <label className="flex flex-col">
            Page{pages ? ` (of ${pages})` : ""}
            <input type="number" min={1} max={pages || undefined} className="w-20 rounded border px-2 py-1" value={source.page} onChange={(e) => setSource({ ...source, page: Math.max(1, Number(e.target.value) || 1) })} />
          </label>
        )}
        <label className="flex flex-col">
          Or an image (PNG, JPEG)
          <input type="file" accept="image/png,image/jpeg" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} />
        </label>
        <div className="flex items-center gap-1" role="group" aria-label="Zoom">
          <button type="button" className="rounded border px-2 py-1" onClick={() => setZoom((z) => Math.max(0.25, z / 1.5))} aria-label="Zoom out">−</button>
          <span className="w-14 text-center">{Math.round(zoom * 100)}%</span>
          <button type="button" className="rounded border px-2 py-1" onClick={() => setZoom((z) => Math.min(8, z * 1.5))} aria-label="Zoom in">+</button>
        </div>
        <button type="button" className={`rounded border px-2 py-1 ${mode === "crop" ? "bg-stone-200" : ""}`} aria-pressed={mode === "crop"} onClick={() => setMode(mode === "crop" ? "click" : "crop")}>Crop (drag)</button>
        {canvas && <button type="button" className="rounded border px-2 py-1" onClick={() => setCrop({ x: 0, y: 0, width: canvas.width, height: canvas.height, renderScale: crop?.renderScale ?? 1, recordId: crop?.recordId })}>Whole page</button>}
      </section>

      {!source && <p className="text-sm text-stone-600">This study has no stored full text. Attach its PDF at full-text screening, or upload an image of the figure.</p>}
      {canvas && crop && (
        <FigureCanvas source={canvas} crop={crop} zoom={zoom} mode={mode} markers={markers} onPoint={place} onCrop={(c) => { setCrop(c); setMode("click"); }} />
      )}
      <p className="text-sm" aria-live="polite">Next click: <strong data-testid="next-click">{slotLabel}</strong>. Arrow keys nudge the last point (Shift for larger steps).</p>

      <section aria-label="Calibration" className="grid gap-2 text-sm sm:grid-cols-2">
        {(["y", "x"] as const).map((axisName) => {
          const axis = axisName === "y" ? state.y : state.x;
          if (!axis) return <button key="x" type="button" className="justify-self-start rounded border px-2 py-1" onClick={() => setState((s) => ({ ...s, x: EMPTY_AXIS }))}>Add an x axis (scatter and line plots)</button>;
          const update = (patch: Partial<AxisDraft>) => setState((s) => (axisName === "y" ? { ...s, y: { ...s.y, ...patch } } : { ...s, x: { ...s.x!, ...patch } }));
          return (
            <fieldset key={axisName} className="rounded border p-2">
              <legend>{axisName === "y" ? "Value (y) axis" : "x axis"}</legend>
              <label className="mr-2">Scale <select value={axis.scale} onChange={(e) => update({ scale: e.target.value as AxisDraft["scale"] })} className="rounded border"><option value="linear">linear</option><option value="log10">log10</option></select></label>
              {(["p1", "p2"] as const).map((end, i) => (
                <span key={end} className="mr-2 inline-flex items-center gap-1">
                  <button type="button" className="rounded border px-1" onClick={() => setSlot({ axis: axisName, end })}>{axis[end] ? "re-click" : "click"} point {i + 1}</button>
                  <label>value <input aria-label={`${axisName}-axis value ${i + 1}`} className="w-20 rounded border px-1" inputMode="decimal" value={axis[end === "p1" ? "v1" : "v2"]} onChange={(e) => update(end === "p1" ? { v1: e.target.value } : { v2: e.target.value })} /></label>
                </span>
              ))}
            </fieldset>
          );
        })}
      </section>

      <GroupEditor
        groups={state.groups}
        experiments={props.experiments}
        experimentId={target.experimentId}
        derived={derived}
        onChange={(groups) => setState((s) => ({ ...s, groups }))}
        onAdd={(kind) => {
          const index = state.groups.length;
          setState((s) => ({ ...s, groups: [...s.groups, { kind, group: "", errorType: "SEM", points: {} }] }));
          setSlot({ group: index, point: POINTS[kind][0] });
        }}
        onReclick={(group, point) => setSlot({ group, point })}
      />

      <section aria-label="Where the values go" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">Figure (locator)<input className="rounded border px-2 py-1" placeholder="Figure 3B, page 6" value={locator} onChange={(e) => setLocator(e.target.value)} /></label>
        <label className="flex flex-col">Outcome<select className="rounded border px-2 py-1" value={target.outcome} onChange={(e) => setTarget({ ...target, outcome: e.target.value })}><option value="">(do not write into the form)</option>{props.outcomes.map((o) => <option key={o}>{o}</option>)}</select></label>
        <label className="flex flex-col">Time point<input className="w-28 rounded border px-2 py-1" value={target.timepoint} onChange={(e) => setTarget({ ...target, timepoint: e.target.value })} /></label>
        <label className="flex flex-col">Experiment<select className="rounded border px-2 py-1" value={target.experimentId} onChange={(e) => setTarget({ ...target, experimentId: e.target.value })}><option value="">(none)</option>{props.experiments.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}</select></label>
        <button type="button" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-50" disabled={pending} onClick={save}>{editing ? "Save changes" : "Save digitisation"}</button>
      </section>
      <p role="status" aria-live="polite" className={status?.ok ? "text-sm text-brand-700" : "text-sm text-red-700"}>{status?.text ?? ""}</p>

      <EvidenceList items={props.stored} shown={shown} onShow={(d) => open(d, false)} onHide={(id) => setShown((s) => s.filter((x) => x !== id))} onEdit={(d) => open(d, true)} />
    </div>
  );
}
