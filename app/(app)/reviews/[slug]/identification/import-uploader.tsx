"use client";
import { StatusLines } from "@/app/components/status-lines";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ProgressBar } from "@/app/components/progress-bar";
import { IMPORT_FORMATS } from "@/lib/imports/schema";

type FilePreview = {
  fileName: string;
  format: string;
  encoding: string;
  records: number;
  warnings: { line?: number; message: string }[];
  moreWarnings: number;
  preview: { title: string; authors: string; year: number | null; journal: string; doi: string }[];
};
type PreviewResponse = { countWarning: string | null; files: FilePreview[] };
type Phase = { kind: "idle" } | { kind: "uploading"; loaded: number; total: number; label: string } | { kind: "processing"; label: string };

/** XHR rather than fetch: only XHR reports upload progress, which matters for 100 MB exports. */
function upload(url: string, body: FormData, onProgress: (loaded: number, total: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error("The upload failed: check the connection and try again."));
    xhr.send(body);
  });
}

export function ImportUploader({ slug, searchId, searchName }: { slug: string; searchId: string; searchName: string }) {
  const router = useRouter();
  const inputId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<string>("auto");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState("");
  const [preview, setPreview] = useState<PreviewResponse | null>(null);
  const [done, setDone] = useState("");
  const [dragging, setDragging] = useState(false);

  async function send(mode: "preview" | "commit") {
    const body = new FormData();
    for (const f of files) body.append("files", f);
    body.set("searchId", searchId);
    body.set("format", format);
    body.set("mode", mode);
    setError("");
    setPhase({ kind: "uploading", loaded: 0, total: 1, label: mode === "preview" ? "Uploading for preview" : "Uploading" });
    try {
      const response = await upload(`/api/reviews/${slug}/imports`, body, (loaded, total) => {
        setPhase(loaded >= total ? { kind: "processing", label: mode === "preview" ? "Parsing…" : "Parsing and storing…" } : { kind: "uploading", loaded, total, label: "Uploading" });
      });
      const result = response.body as { error?: string } & Partial<PreviewResponse> & { imports?: { records: number }[] };
      if (response.status !== 200) return setError(result?.error ?? `The server answered ${response.status}.`);
      if (mode === "preview") return setPreview(result as PreviewResponse);
      const count = (result.imports ?? []).reduce((n, i) => n + i.records, 0);
      setDone(`Imported ${count} records from ${files.length} file${files.length === 1 ? "" : "s"}.`);
      setFiles([]);
      setPreview(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPhase({ kind: "idle" });
    }
  }

  function choose(list: FileList | null) {
    setFiles(list ? [...list] : []);
    setPreview(null);
    setDone("");
    setError("");
  }

  const busy = phase.kind !== "idle";
  return (
    <div className="mt-4 space-y-3 border-t border-slate-100 pt-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files);
        }}
        className={`rounded border-2 border-dashed p-4 text-sm ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
      >
        <label htmlFor={inputId} className="font-medium">
          Export files from {searchName}
        </label>
        <p className="text-xs text-slate-500">Drop files here or choose them. RIS, MEDLINE/.nbib, PubMed XML, Web of Science, BibTeX, EndNote XML, CSV/TSV; the format is detected from the content.</p>
        <input id={inputId} type="file" multiple onChange={(e) => choose(e.target.files)} className="mt-2 block text-sm" />
        {files.length ? <p className="mt-1 text-xs text-slate-600">{files.map((f) => `${f.name} (${Math.ceil(f.size / 1024)} KB)`).join(", ")}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value)} className="rounded border border-slate-300 px-2 py-1">
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f === "auto" ? "Detect automatically" : f}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!files.length || busy} onClick={() => send("preview")} className="rounded border border-slate-300 bg-white px-3 py-1.5 disabled:opacity-50">
          Preview
        </button>
        {preview ? (
          <button type="button" disabled={busy} onClick={() => send("commit")} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-50">
            Import {preview.files.reduce((n, f) => n + f.records, 0)} records
          </button>
        ) : null}
      </div>
      {phase.kind === "uploading" ? <ProgressBar done={phase.loaded} total={phase.total} label={phase.label} /> : null}
      {phase.kind === "processing" ? <p className="text-sm text-slate-600" aria-live="polite">{phase.label}</p> : null}
      <StatusLines message={done} error={error} testId="import-status" />
      {preview ? <PreviewTable preview={preview} /> : null}
    </div>
  );
}

function PreviewTable({ preview }: { preview: PreviewResponse }) {
  return (
    <div className="space-y-3" data-testid="import-preview">
      {preview.countWarning ? <p className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-800">{preview.countWarning}</p> : null}
      {preview.files.map((f) => (
        <div key={f.fileName} className="rounded border border-slate-200 p-3 text-sm">
          <p className="font-medium">
            {f.fileName}: {f.records} records · {f.format} · {f.encoding}
          </p>
          {f.warnings.length ? (
            <ul className="mt-1 list-disc pl-5 text-xs text-amber-800">
              {f.warnings.map((w, i) => (
                <li key={i}>{w.line ? `line ${w.line}: ${w.message}` : w.message}</li>
              ))}
              {f.moreWarnings ? <li>…and {f.moreWarnings} more</li> : null}
            </ul>
          ) : null}
          <ol className="mt-2 space-y-1 text-xs">
            {f.preview.map((r, i) => (
              <li key={i}>
                <span className="font-medium">{r.title}</span> — {r.authors} {r.year ? `(${r.year})` : ""} {r.journal} {r.doi ? `doi:${r.doi}` : ""}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
