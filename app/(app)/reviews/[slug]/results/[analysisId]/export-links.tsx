/** Download links of one figure: SVG and PDF (vector), PNG and TIFF at a chosen resolution and column width, and its numbers as CSV. */
export function ExportLinks({ base, figure }: { base: string; figure: string }) {
  const href = (ext: string) => `${base}/export/${figure}.${ext}`;
  const link = "rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100";
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid={`export-${figure}`}>
      <a href={href("svg")} download className={link}>SVG</a>
      <a href={href("pdf")} download className={link}>PDF</a>
      <a href={`${href("png")}?dpi=300&width=176`} download className={link}>PNG</a>
      <a href={href("csv")} download className={link}>CSV of the numbers</a>
      <form method="get" action={href("png")} className="flex items-center gap-1" aria-label={`${figure} image export`}>
        <select name="format" defaultValue="png" aria-label="Format" className="rounded border border-slate-300 px-1 py-0.5">
          <option value="png">PNG</option>
          <option value="tiff">TIFF</option>
        </select>
        <select name="dpi" defaultValue="300" aria-label="Resolution" className="rounded border border-slate-300 px-1 py-0.5">
          {[300, 600, 1000].map((d) => <option key={d} value={d}>{d} dpi</option>)}
        </select>
        <select name="width" defaultValue="176" aria-label="Width" className="rounded border border-slate-300 px-1 py-0.5">
          <option value="85">85 mm (single column)</option>
          <option value="176">176 mm (double column)</option>
        </select>
        <button type="submit" className={link}>Download image</button>
      </form>
    </div>
  );
}
