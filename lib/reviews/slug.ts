/** "Effects of X: a review" → "effects-of-x-a-review"; ASCII only so it is safe in URLs and shells. */
export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cutAtWord(base, 60) || "review";
}

/** At most `max` characters, cut at a hyphen so no word is left half ("…-extrace"); one over-long word is cut as is. */
function cutAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1).lastIndexOf("-");
  return (cut > 0 ? slug.slice(0, cut) : slug.slice(0, max)).replace(/-+$/g, "");
}

/** The first of slug, slug-2, slug-3 … not in `taken`. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
