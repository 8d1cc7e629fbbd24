import { changedFields } from "@/lib/audit/diff";
import type { AuditName } from "@/lib/audit/names";
import { AuditValue } from "../../audit/audit-value";

type Event = { id: string; at: Date; actor: string; entity: string; action: string; before: unknown; after: unknown };

/** The record's audit trail, oldest first, with ids shown as names. */
export function RecordHistory({ events, names }: { events: Event[]; names: Map<string, AuditName> }) {
  return (
    <section className="space-y-2" aria-labelledby="history-heading">
      <h3 id="history-heading" className="font-medium">
        History
      </h3>
      {events.length === 0 ? <p className="text-sm text-slate-600">No recorded changes.</p> : null}
      <ol className="space-y-1 text-xs" data-testid="record-history">
        {events.map((e) => (
          <li key={e.id} className="break-words">
            <span className="tabular-nums text-slate-500">{e.at.toISOString().replace("T", " ").slice(0, 19)}</span> · <strong>{e.actor}</strong> · {e.entity} {e.action}
            {changedFields(e.before, e.after)
              .filter((c) => !["id", "reviewId", "createdAt", "updatedAt", "resolvedAt", "recordId"].includes(c.field))
              .map((c) => (
                <span key={c.field} className="ml-2">
                  {c.field}: <AuditValue value={c.before} names={names} /> → <AuditValue value={c.after} names={names} />
                </span>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
