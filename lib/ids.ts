import { randomBytes } from "node:crypto";

// Ids in the shape of Prisma's @default(cuid()) ("c", time, counter, process fingerprint, random),
// for rows written with plain SQL, which Prisma's client-side defaults never see.
const FINGERPRINT = randomBytes(4).readUInt32BE(0).toString(36).padStart(4, "0").slice(-4);
let counter = randomBytes(4).readUInt32BE(0) % 1_679_616;

export function newId(): string {
  counter = (counter + 1) % 1_679_616;
  const time = Date.now().toString(36).padStart(8, "0");
  const random = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, "0").slice(-8);
  return `c${time}${counter.toString(36).padStart(4, "0")}${FINGERPRINT}${random}`;
}
