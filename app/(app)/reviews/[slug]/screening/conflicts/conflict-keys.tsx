"use client";
import { useWindowKeys } from "@/app/components/use-window-keys";

const CARD = '[data-testid="conflict"]';

const cards = () => [...document.querySelectorAll<HTMLElement>(CARD)];
const currentIndex = () => cards().findIndex((c) => c.contains(document.activeElement));

function focusCard(index: number) {
  const list = cards();
  const card = list[Math.max(0, Math.min(index, list.length - 1))];
  if (!card) return;
  card.focus();
  card.scrollIntoView({ block: "start", behavior: "instant" as ScrollBehavior });
}

function onKey(e: KeyboardEvent) {
  const target = e.target as HTMLElement;
  if (target.closest?.("input[type=text], input:not([type]), textarea, select, [contenteditable]") || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
  const key = e.key.toLowerCase();
  const at = currentIndex();
  const card = at >= 0 ? cards()[at] : null;
  if (key === "n" || key === "j") focusCard(at + 1);
  else if (key === "p" || key === "k") focusCard(at < 0 ? 0 : at - 1);
  else if ((key === "i" || key === "e") && card) card.querySelector<HTMLInputElement>(`input[name=outcome][value=${key === "i" ? "INCLUDE" : "EXCLUDE"}]`)?.click();
  else if (key === "r" && card) card.querySelector("form")?.requestSubmit();
  else return;
  e.preventDefault();
}

/**
 * The keyboard flow for adjudicating: N / J goes to the next conflict, P / K to the previous,
 * I or E picks the outcome in the conflict in focus and R resolves it (the list then reloads
 * without it, and N goes on). Keys are ignored while typing in a field and when held.
 */
export function ConflictKeys() {
  const listening = useWindowKeys(onKey);
  return (
    <p className="text-xs text-slate-600" data-testid="conflict-keys" data-keys={listening ? "on" : "off"}>
      Keyboard: <kbd>N</kbd> next conflict, <kbd>P</kbd> previous, <kbd>I</kbd> / <kbd>E</kbd> include or exclude, <kbd>R</kbd> resolve.
    </p>
  );
}
