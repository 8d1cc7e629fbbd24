// Shared set-up for `npm start` and `npm test`: dependencies, .env, Prisma client, migrations,
// demo data and a fresh production build. Plain Node so it runs before dependencies exist.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env, ...options });
  if (result.status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

export function step(message) {
  console.log(`\n▸ ${message}`);
}

function installDependencies() {
  const marker = path.join(root, "node_modules/.package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install` rather than `npm ci`: the registry here serves no other platforms' optional
  // binaries (next/swc, tailwind oxide, rollup), so the lockfile lacks them and `npm ci` refuses it.
  step("Installing dependencies (npm install; better-sqlite3 compiles from source, about a minute)");
  run("npm", ["install", "--no-audit", "--no-fund"]);
}

/** Loads .env into process.env, creating it with a fresh NEXTAUTH_SECRET on first run. */
export function loadEnv() {
  const file = path.join(root, ".env");
  if (!existsSync(file)) {
    writeFileSync(file, `# Created by npm start/test. See .env.example.\nNEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}\n`);
  }
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2].replace(/^["']|["']$/g, "");
  }
  process.env.DATABASE_URL ??= "file:./data/sieve.db";
}

function hashFiles(paths) {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (entry !== "generated" && entry !== "node_modules") walk(path.join(p, entry));
    } else if (!/\.test\.ts$/.test(p)) {
      hash.update(path.relative(root, p)).update(readFileSync(p));
    }
  };
  paths.forEach((p) => walk(path.join(root, p)));
  return hash.digest("hex");
}

function generatePrismaClient() {
  const stamp = path.join(root, "lib/generated/prisma/.schema-hash");
  const hash = hashFiles(["prisma/schema.prisma", "package-lock.json"]);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  step("Generating the Prisma client");
  run("npx", ["prisma", "generate"]);
  writeFileSync(stamp, hash);
}

/** Applies committed migrations, switches on WAL, and seeds the demo review into a new database. */
export function migrateAndSeed({ seed = true } = {}) {
  const url = process.env.DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = path.resolve(root, url.slice("file:".length));
    mkdirSync(path.dirname(file), { recursive: true });
    process.env.DATABASE_URL = `file:${file}`;
  }
  step(`Applying migrations to ${process.env.DATABASE_URL}`);
  run("npx", ["prisma", "migrate", "deploy"]);
  if (seed) run("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts"]);
}

export function build() {
  const stamp = path.join(root, ".next/sieve-source-hash");
  const hash = hashFiles(["app", "lib", "prisma/schema.prisma", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"]);
  if (existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  step("Building the app (next build)");
  run("npx", ["next", "build"]);
  writeFileSync(stamp, hash);
}

export function setup() {
  installDependencies();
  loadEnv();
  generatePrismaClient();
}
