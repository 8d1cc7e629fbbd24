import { db } from "@/lib/db";
import { DEMO_SIGN_INS, seedDemoIfEmpty } from "@/lib/demo/seed-demo";

async function main() {
  // WAL is a property of the database file: set once, every later connection uses it.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  const result = await seedDemoIfEmpty(db);
  if (result.created) {
    console.log(`Created the demo review "${result.slug}" (Zhang et al. 2025, MSC-EVs in osteoporosis models). Demo sign-ins:`);
    for (const s of DEMO_SIGN_INS) console.log(`  ${s.role.padEnd(8)} ${s.email} / ${s.password}`);
    console.log("  The bone-regeneration demo (Mai et al. 2025): npm run --silent sieve -- demo --seed 000");
  } else {
    console.log("Database already has users; demo not re-created (npm run --silent sieve -- demo [--replace] [--seed 000|001]).");
  }
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
