// Test helper (node --import): makes the generated Prisma client unresolvable, as on a clean
// install before `prisma generate`, so bin/sieve.test.ts can check which commands still work.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (/generated\\/prisma/.test(specifier)) {
    throw Object.assign(new Error("Cannot find package '@/lib' imported from " + context.parentURL), { code: "ERR_MODULE_NOT_FOUND" });
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
