/** A compared value as text: "—" for not reported, lists joined, yes/no for booleans. */
export function CellText({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-400">—</span>;
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  if (Array.isArray(value)) return <>{value.join("; ")}</>;
  return <>{String(value)}</>;
}
