import "server-only";
import { DomainError } from "@/lib/errors";
import { storeUpload } from "@/lib/screening/pdf-store";
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "./schema";

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Checks an uploaded figure on its bytes (PNG or JPEG magic number, size) and stores it under the uploader's name. */
export async function storeFigureImage(reviewId: string, userId: string, bytes: Uint8Array, declaredType: string): Promise<string> {
  const extension = IMAGE_TYPES[declaredType as keyof typeof IMAGE_TYPES];
  if (!extension) throw new DomainError("Upload a PNG or JPEG image.");
  if (bytes.byteLength === 0) throw new DomainError("The file is empty.");
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new DomainError("The image is larger than 20 MB.");
  if (!(extension === "png" ? startsWith(bytes, PNG) : startsWith(bytes, JPEG))) throw new DomainError(`This file is not a ${extension === "png" ? "PNG" : "JPEG"} image.`);
  return storeUpload(reviewId, `figure-${userId}`, extension, bytes);
}

/** A stored image path a user may attach: one they uploaded to this review. */
export function isOwnFigureImage(reviewId: string, userId: string, imagePath: string): boolean {
  const folder = reviewId.replace(/\W/g, "");
  return new RegExp(`^${folder}/figure-${userId.replace(/\W/g, "")}-[0-9a-f-]{36}\\.(png|jpg)$`).test(imagePath);
}
