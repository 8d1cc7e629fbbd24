import Link from "next/link";
import type { AuditName } from "@/lib/audit/names";

function show(value: unknown): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** One value of an audit change, with known ids shown as titles, labels or names (linked where there is a page). */
export function AuditValue({ value, names }: { value: unknown; names: Map<string, AuditName> }) {
  if (typeof value === "string" && names.has(value)) {
    const name = names.get(value)!;
    return name.href ? (
      <Link href={name.href} className="text-brand-700 underline" title={value}>
        {name.label}
      </Link>
    ) : (
      <span title={value}>{name.label}</span>
    );
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && names.has(v))) {
    return (
      <>
        {value.map((v, i) => (
          <span key={`${v}-${i}`}>
            {i ? "; " : ""}
            <AuditValue value={v} names={names} />
          </span>
        ))}
      </>
    );
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.some(([, v]) => typeof v === "string" && names.has(v)))
      return (
        <>
          {"{ "}
          {entries.map(([k, v], i) => (
            <span key={k}>
              {i ? ", " : ""}
              {k}: <AuditValue value={v} names={names} />
            </span>
          ))}
          {" }"}
        </>
      );
  }
  return <>{show(value)}</>;
}

/** The record an event concerns, if any: a Record event's own id, or a recordId in its before/after. */
export function eventRecordId(event: { entity: string; entityId: string | null; before: unknown; after: unknown }): string | null {
  if (event.entity === "Record") return event.entityId;
  // A digitised figure links to the digitiser, where its calibration and clicks are drawn again.
  if (event.entity === "Digitisation") return event.entityId;
  if (event.entity === "ExtractionEntry") {
    const id = (event.after as Record<string, unknown> | null)?.digitisationId;
    if (typeof id === "string") return id;
  }
  for (const side of [event.after, event.before]) {
    if (side && typeof side === "object" && !Array.isArray(side)) {
      const id = (side as Record<string, unknown>).recordId;
      if (typeof id === "string") return id;
    }
  }
  return null;
}
