/**
 * The archive file: a zip (jszip) with review.json, the stored files under files/, and
 * manifest.json giving every other entry's SHA-256. Reading checks the zip's own CRC-32s
 * (truncation, corruption) and then the manifest (tampering: a changed, missing or added entry),
 * before anything is parsed or written.
 */
import { createHash } from "node:crypto";
import JSZip from "jszip";
import { ArchiveError } from "./format";

export const MANIFEST = "manifest.json";
export const REVIEW_JSON = "review.json";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function packArchive(reviewJson: unknown, files: ReadonlyMap<string, Uint8Array>): Promise<Buffer> {
  const zip = new JSZip();
  const entries = new Map<string, Uint8Array>([[REVIEW_JSON, Buffer.from(JSON.stringify(reviewJson, null, 2) + "\n", "utf8")], ...files]);
  const manifest: Record<string, string> = {};
  // A fixed date keeps the zip a function of its content.
  const date = new Date("2000-01-01T00:00:00Z");
  for (const [name, bytes] of entries) {
    zip.file(name, bytes, { date });
    manifest[name] = sha256(bytes);
  }
  zip.file(MANIFEST, JSON.stringify({ algorithm: "sha256", files: manifest }, null, 2) + "\n", { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

export type UnpackedArchive = { reviewJson: unknown; files: Map<string, Buffer> };

export async function unpackArchive(bytes: Uint8Array): Promise<UnpackedArchive> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (error) {
    throw new ArchiveError(`Not a readable zip archive (truncated or damaged?): ${(error as Error).message}`);
  }
  const read = async (name: string): Promise<Buffer> => {
    try {
      return await zip.file(name)!.async("nodebuffer");
    } catch (error) {
      throw new ArchiveError(`${name} in the archive is damaged: ${(error as Error).message}`);
    }
  };
  if (!zip.file(MANIFEST)) throw new ArchiveError(`The archive has no ${MANIFEST}; it was not made by sieve export.`);
  let manifest: Record<string, string>;
  try {
    manifest = (JSON.parse((await read(MANIFEST)).toString("utf8")) as { files: Record<string, string> }).files;
    if (!manifest || typeof manifest !== "object") throw new Error("no files");
  } catch (error) {
    throw new ArchiveError(`${MANIFEST} is not valid: ${(error as Error).message}`);
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir && n !== MANIFEST);
  const unlisted = names.filter((n) => !(n in manifest));
  if (unlisted.length) throw new ArchiveError(`The archive holds files its manifest does not list (tampered?): ${unlisted.slice(0, 3).join(", ")}.`);
  const files = new Map<string, Buffer>();
  for (const [name, expected] of Object.entries(manifest)) {
    if (!zip.file(name)) throw new ArchiveError(`${name} is listed in the manifest but missing from the archive.`);
    const content = await read(name);
    if (sha256(content) !== expected) throw new ArchiveError(`${name} does not match its checksum in the manifest (tampered or damaged).`);
    files.set(name, content);
  }
  const json = files.get(REVIEW_JSON);
  if (!json) throw new ArchiveError(`The archive has no ${REVIEW_JSON}.`);
  files.delete(REVIEW_JSON);
  try {
    return { reviewJson: JSON.parse(json.toString("utf8")), files };
  } catch (error) {
    throw new ArchiveError(`${REVIEW_JSON} is not valid JSON: ${(error as Error).message}`);
  }
}
