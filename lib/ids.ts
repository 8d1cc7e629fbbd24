import { randomBytes } from "node:crypto";

// Ids in the shape of Prisma's @default(cuid()) ("c", time, counter, process fingerprint, random),
// for rows written with plain SQL, which Prisma's client-side defaults never see. Random bytes
// come from a pool, as an import makes 100,000 ids at once.
const FINGERPRINT = randomBytes(4).readUInt32BE(0).toString(36).padStart(4, "0").slice(-4);
let counter = randomBytes(4).readUInt32BE(0) % 1_679_616;
let pool = randomBytes(0);
let poolOffset = 0;

/** A new id; `time` (base-36 milliseconds, 8 digits) lets a batch share one clock reading. */
export function newId(time = Date.now().toString(36).padStart(8, "0")): string {
  counter = (counter + 1) % 1_679_616;
  if (poolOffset + 6 > pool.length) {
    pool = randomBytes(6 * 1024);
    poolOffset = 0;
  }
  const random = pool.readUIntBE(poolOffset, 6).toString(36).padStart(8, "0").slice(-8);
  poolOffset += 6;
  return `c${time}${counter.toString(36).padStart(4, "0")}${FINGERPRINT}${random}`;
}
