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

export const commands: Record<string, Command> = {
  user: userCommand,
  review: reviewCommand,
  member: memberCommand,
  dedup: dedupCommand,
  parse: parseCommand,
  import: importCommand,
  meta,
  kappa,
  prisma: prismaCommand,
  study: studyCommand,
  extraction: extractionCommand,
  demo: demoCommand,
};
