import type { Command } from "./types";
import { userCommand } from "./user";
import { reviewCommand } from "./review";
import { memberCommand } from "./member";
import { dedupCommand } from "./dedup";
import { parseCommand } from "./parse";
import { meta } from "./meta";
import { kappa } from "./kappa";

export const commands: Record<string, Command> = {
  user: userCommand,
  review: reviewCommand,
  member: memberCommand,
  dedup: dedupCommand,
  parse: parseCommand,
  meta,
  kappa,
};
