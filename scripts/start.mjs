import { spawn } from "node:child_process";
import { build, migrateAndSeed, root, setup } from "./setup.mjs";

setup();
migrateAndSeed();
build();

const port = process.env.PORT ?? "3000";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const { DEMO_EMAIL, DEMO_PASSWORD } = { DEMO_EMAIL: "demo@sieve.local", DEMO_PASSWORD: "sieve-demo-review" };
console.log(`\n✓ Sieve is starting on http://localhost:${port}`);
console.log(`  Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n`);
const server = spawn("npx", ["next", "start", "-p", port], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
