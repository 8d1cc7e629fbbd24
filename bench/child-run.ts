import { spawnSync } from "node:child_process";

/**
 * Runs `script` again in a child process, so that the child's peak RSS measures one run alone and
 * not the parent's high-water mark (V8 rarely hands freed heap back). The child prints its result
 * as JSON on its last line of stdout; the lines before it are passed on.
 */
export function runScriptInChild<T>(script: string, args: string[], label: string): T {
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 24 });
  const lines = child.stdout.trimEnd().split("\n");
  if (child.status !== 0) throw new Error(`${label} failed (exit ${child.status}):\n${child.stdout}`);
  if (lines.length > 1) console.log(lines.slice(0, -1).join("\n"));
  return JSON.parse(lines[lines.length - 1]) as T;
}
