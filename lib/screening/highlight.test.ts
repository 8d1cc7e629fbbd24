import { describe, expect, it } from "vitest";
import { highlightText } from "@/lib/screening/highlight";

describe("highlightText", () => {
  it("splits text into include, exclude and plain segments, case-insensitively at word boundaries", () => {
    expect(highlightText("Rats given Alendronate; not in vitro", ["rat", "alendronate"], ["in vitro"])).toEqual([
      { text: "Rats given ", kind: "plain" },
      { text: "Alendronate", kind: "include" },
      { text: "; not ", kind: "plain" },
      { text: "in vitro", kind: "exclude" },
    ]);
  });
  it("supports a trailing wildcard and prefers the longest match", () => {
    expect(highlightText("randomised bone loss", ["random*", "bone"], ["bone loss"])).toEqual([
      { text: "randomised", kind: "include" },
      { text: " ", kind: "plain" },
      { text: "bone loss", kind: "exclude" },
    ]);
  });
  it("keeps markup as text: nothing is interpreted as HTML and no character is lost", () => {
    const text = '<img src=x onerror="alert(1)"> rat <b>bone</b>';
    const segments = highlightText(text, ["rat", "bone"], ["(1)"]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.kind !== "plain").map((s) => s.text)).toEqual(["rat", "bone"]);
  });
  it("treats regex metacharacters in terms literally and ignores empty terms", () => {
    expect(highlightText("a (b) c.*", ["(b)", "", " "], [".*"])).toEqual([
      { text: "a ", kind: "plain" },
      { text: "(b)", kind: "include" },
      { text: " c.*", kind: "plain" },
    ]);
    expect(highlightText("", ["x"], [])).toEqual([]);
  });
});
