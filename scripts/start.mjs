import { spawn } from "node:child_process";
import { build, migrateAndSeed, root, setup } from "./setup.mjs";

setup();
migrateAndSeed();
build();

const port = process.env.PORT ?? "3000";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
// The same accounts as lib/demo/seed-demo.ts's DEMO_SIGN_INS (plain Node here, so not imported).
console.log(`\n✓ Sieve is starting on http://localhost:${port}`);
console.log("  Demo owner:    demo@sieve.local / sieve-demo-review");
console.log("  Demo reviewer: reviewer@sieve.local / sieve-demo-reviewer (a second member, to see blinding from both sides)\n");
const server = spawn("npx", ["next", "start", "-p", port], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
