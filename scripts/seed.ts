import { db } from "@/lib/db";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty } from "@/lib/demo/seed-demo";

async function main() {
  // WAL is a property of the database file: set once, every later connection uses it.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  const result = await seedDemoIfEmpty(db);
  console.log(result.created ? `Created the demo review "${result.slug}" for ${DEMO_EMAIL} (password ${DEMO_PASSWORD}).` : "Database already has users; demo not re-created.");
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
