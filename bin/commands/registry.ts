import type { Command } from "./types";

/**
 * Every CLI command by name. Each is loaded only when run (a dynamic import), so commands that need
 * no database (meta, kappa, parse, dedup FILE…) work before the Prisma client is generated. To add
 * one, add a line `name: () => import("./name").then((m) => m.nameCommand),`; a plain Command
 * object works too but is loaded on every run.
 */
export const commands: Record<string, Command | (() => Promise<Command>)> = {
  user: () => import("./user").then((m) => m.userCommand),
  review: () => import("./review").then((m) => m.reviewCommand),
  member: () => import("./member").then((m) => m.memberCommand),
  dedup: () => import("./dedup").then((m) => m.dedupCommand),
  parse: () => import("./parse").then((m) => m.parseCommand),
  import: () => import("./import").then((m) => m.importCommand),
  meta: () => import("./meta").then((m) => m.meta),
  analysis: () => import("./analysis").then((m) => m.analysisCommand),
  rob: () => import("./rob").then((m) => m.robCommand),
  kappa: () => import("./kappa").then((m) => m.kappa),
  prisma: () => import("./prisma").then((m) => m.prismaCommand),
  study: () => import("./study").then((m) => m.studyCommand),
  extraction: () => import("./extraction").then((m) => m.extractionCommand),
  demo: () => import("./demo").then((m) => m.demoCommand),
  export: () => import("./export").then((m) => m.exportCommand),
  "import-review": () => import("./import-review").then((m) => m.importReviewCommand),
  backup: () => import("./backup").then((m) => m.backupCommand),
  restore: () => import("./restore").then((m) => m.restoreCommand),
};

/** The named command, loaded; undefined for an unknown name. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  if (!Object.hasOwn(commands, name)) return undefined;
  const entry = commands[name];
  return typeof entry === "function" ? entry() : entry;
}
