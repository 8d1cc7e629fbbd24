import type { Command } from "./types";
import { userCommand } from "./user";
import { reviewCommand } from "./review";
import { memberCommand } from "./member";
import { dedupCommand } from "./dedup";
import { meta } from "./meta";
import { kappa } from "./kappa";

export const commands: Record<string, Command> = {
  user: userCommand,
  review: reviewCommand,
  member: memberCommand,
  dedup: dedupCommand,
  meta,
  kappa,
};
