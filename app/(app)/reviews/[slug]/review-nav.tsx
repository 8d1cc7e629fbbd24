"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The review's section tabs; the current one is marked for sighted and screen-reader users alike. */
export function ReviewNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The longest matching prefix wins, so /screening/conflicts marks "Screening", not "Dashboard".
  const current = links.filter((l) => pathname === l.href || pathname.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav aria-label="Review sections" className="mt-3 flex flex-wrap gap-1 border-b border-slate-200">
      {links.map((link) => {
        const active = link === current;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-t px-3 py-2 text-sm hover:bg-slate-100 ${active ? "border-b-2 border-brand-700 font-medium text-brand-800" : "text-slate-700"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
