import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * A production `next start` of the build in `appDir` for a benchmark, ready once /sign-in
 * answers. Node runs Next's CLI itself (no npx in between), so the child's pid is the server's and
 * its CPU time can be read. `stop` ends it (also on exit).
 */
export async function startNextServer(opts: { appDir: string; port: number; env: Record<string, string | undefined> }): Promise<{ server: ChildProcess; stop: () => void }> {
  const server = spawn(process.execPath, [path.join(opts.appDir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(opts.port)], {
    cwd: opts.appDir,
    env: { ...process.env, ...opts.env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    await waitForServer(server, `http://localhost:${opts.port}`);
  } catch (error) {
    stop();
    throw error;
  }
  return { server, stop };
}

async function waitForServer(server: ChildProcess, base: string) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start within 2 minutes");
}
