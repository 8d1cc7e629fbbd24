import type { Command } from "./types";
import { userCommand } from "./user";
import { reviewCommand } from "./review";
import { memberCommand } from "./member";
import { dedupCommand } from "./dedup";
import { parseCommand } from "./parse";
import { importCommand } from "./import";
import { meta } from "./meta";
import { kappa } from "./kappa";
import { prismaCommand } from "./prisma";
import { studyCommand } from "./study";
import { extractionCommand } from "./extraction";
import { demoCommand } from "./demo";
import { exportCommand } from "./export";
import { importReviewCommand } from "./import-review";
import { backupCommand } from "./backup";
import { restoreCommand } from "./restore";
import { analysisCommand } from "./analysis";
import { robCommand } from "./rob";

export const commands: Record<string, Command> = {
  user: userCommand,
  review: reviewCommand,
  member: memberCommand,
  dedup: dedupCommand,
  parse: parseCommand,
  import: importCommand,
  meta,
  analysis: analysisCommand,
  rob: robCommand,
  kappa,
  prisma: prismaCommand,
  study: studyCommand,
  extraction: extractionCommand,
  demo: demoCommand,
  export: exportCommand,
  "import-review": importReviewCommand,
  backup: backupCommand,
  restore: restoreCommand,
};
