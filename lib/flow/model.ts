import type { CountField, ListField } from "./fields";

/** Where a number came from: Sieve's records ("data") or typed by an owner ("manual", marked in the diagram). */
export type Source = "data" | "manual";

export type BoxCount = {
  n: number;
  source: Source;
  /** The records this number counts (data counts only; a typed number counts no records). */
  href?: string;
  note?: string;
};

export type FlowItem = { label: string; n: number; href?: string };
export type FlowList = { items: FlowItem[]; source: Source };

/**
 * Records still waiting for a step, so a failing check can say why: not yet screened, sought but
 * neither assessed nor marked not retrieved, and records from no logged search.
 */
export type Pending = { screening: number; fullText: number; unattributed: number };

/** Every box of the PRISMA 2020 diagram, with its provenance. */
export type Flow = {
  mode: "data" | "manual";
  counts: Record<CountField, BoxCount>;
  lists: Record<ListField, FlowList>;
  show: { previous: boolean; other: boolean; metaAnalysis: boolean };
  pending: Pending;
};

/** An owner-entered number (a FlowCount row), already decoded; list items carry their label. */
export type FlowEntry =
  | { field: CountField; n: number; note?: string }
  | { field: ListField; items: { label: string; n: number }[] };

export type SearchKind = "DATABASE" | "REGISTER" | "OTHER";

/** A settled screening outcome (ScreeningResolution) at one stage. */
export type Resolution = { outcome: "INCLUDE" | "EXCLUDE"; reasonId: string | null };

/** One record as the counting rules need it; plain data so the rules stay pure and testable. */
export type SnapshotRecord = {
  id: string;
  /** The search its import belongs to; null for a record added without an import. */
  searchId: string | null;
  duplicateGroupId: string | null;
  titleAbstract: Resolution | null;
  fullText: Resolution | null;
  retrieval: "RETRIEVED" | "NOT_RETRIEVED" | null;
  studyId: string | null;
};

export type FlowSnapshot = {
  searches: { id: string; kind: SearchKind; database: string; reportedHits: number | null }[];
  groups: { id: string; primaryRecordId: string }[];
  /** Exclusion reasons in protocol order, so reason lists read as the protocol does. */
  reasons: { id: string; label: string }[];
  records: SnapshotRecord[];
};
