import { describe, expect, it } from "vitest";
import { redactBlindedEvents } from "@/lib/audit/redact";
import { defaultReviewSettings } from "@/lib/reviews/schema";

const vote = (actorId: string, stage: string) => ({ actorId, entity: "ScreeningDecision", before: null, after: { stage, recordId: "r1", decision: "EXCLUDE" } });
const note = (actorId: string) => ({ actorId, entity: "RecordNote", before: null, after: { recordId: "r1", text: "looks like an exclude" } });

describe("audit events under blinding", () => {
  it("hides colleagues' votes and notes from an owner who also screens, keeping their own", () => {
    const out = redactBlindedEvents([vote("alice", "TITLE_ABSTRACT"), note("alice"), vote("owner", "TITLE_ABSTRACT"), { actorId: "alice", entity: "Import", before: null, after: { fileName: "a.ris" } }], { id: "owner", roles: ["OWNER", "REVIEWER"] }, defaultReviewSettings());
    expect(out.map((e) => e.redacted)).toEqual([true, true, false, false]);
    expect(JSON.stringify(out[0])).not.toContain("EXCLUDE");
    expect(JSON.stringify(out[1])).not.toContain("looks like");
  });

  it("shows everything to an owner who does not screen, and at stages that are not blinded", () => {
    expect(redactBlindedEvents([vote("alice", "TITLE_ABSTRACT"), note("alice")], { id: "owner", roles: ["OWNER"] }, defaultReviewSettings()).some((e) => e.redacted)).toBe(false);
    const settings = defaultReviewSettings();
    settings.titleAbstract.blinded = false;
    const out = redactBlindedEvents([vote("alice", "TITLE_ABSTRACT"), vote("alice", "FULL_TEXT")], { id: "owner", roles: ["OWNER", "REVIEWER"] }, settings);
    expect(out.map((e) => e.redacted)).toEqual([false, true]);
  });
});
