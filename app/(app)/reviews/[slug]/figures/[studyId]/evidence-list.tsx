"use client";
import type { Calibration, Crop, GroupClicks } from "@/lib/digitiser/schema";
import type { DerivedGroup } from "@/lib/digitiser/mapping";

export type StoredDigitisation = {
  id: string;
  reviewerName: string;
  mine: boolean;
  consensus: boolean;
  locator: string;
  sourceKind: "PDF" | "IMAGE";
  page: number | null;
  imagePath: string | null;
  crop: Crop;
  calibration: Calibration;
  points: GroupClicks[];
  derived: DerivedGroup[];
  updatedAt: string;
};

/** The study's digitisations the viewer may see, each re-openable with its clicks drawn over the figure. */
export function EvidenceList({ items, shown, onShow, onHide, onEdit }: { items: StoredDigitisation[]; shown: string[]; onShow: (d: StoredDigitisation) => void; onHide: (id: string) => void; onEdit: (d: StoredDigitisation) => void }) {
  if (items.length === 0) return <p className="text-sm text-stone-600">No digitised figures for this study yet.</p>;
  return (
    <section aria-label="Digitised figures" className="text-sm">
      <h2 className="mb-1 font-semibold">Digitised figures</h2>
      <ul className="space-y-2">
        {items.map((d) => (
          <li key={d.id} className="rounded border p-2" data-testid="digitisation">
            <div className="flex flex-wrap items-center gap-2">
              <strong>{d.locator}</strong>
              <span className="text-stone-600">by {d.reviewerName}{d.sourceKind === "PDF" ? `, PDF page ${d.page}` : ", uploaded image"}; {d.calibration.y.scale} axis {d.calibration.y.p1.value} → {d.calibration.y.p2.value}</span>
              {shown.includes(d.id) ? (
                <button type="button" className="rounded border px-1" onClick={() => onHide(d.id)}>Hide clicks</button>
              ) : (
                <button type="button" className="rounded border px-1" onClick={() => onShow(d)}>Show on figure</button>
              )}
              {d.mine && <button type="button" className="rounded border px-1" onClick={() => onEdit(d)}>Edit</button>}
            </div>
            <ul className="ml-4 list-disc">
              {d.derived.map((g, i) => <li key={i}>{g.group}: {g.summary}</li>)}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
