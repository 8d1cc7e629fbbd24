import { isUtf8 } from "node:buffer";
import { guessUtf16 } from "./detect";
import { LineCursor, type LineSource } from "./record-builder";

/** Bytes decoded per step by ByteLines: large enough to be fast, small enough to be dropped soon. */
export const CHUNK_BYTES = 1 << 20;

/**
 * True when decoding `bytes` piecewise as UTF-8 gives exactly what decodeBytes gives for the whole
 * file: no UTF-16 byte-order mark or UTF-16 pattern, and valid UTF-8 throughout (so neither the
 * Latin-1 fallback nor replacement characters can come into play).
 */
export function isStreamableUtf8(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return !guessUtf16(bytes) && isUtf8(bytes);
}

/**
 * The lines of a valid UTF-8 file, decoded a chunk at a time instead of into one string as large
 * as the file: each chunk ends after a "\n" byte (which never occurs inside a multi-byte sequence),
 * so lines and line numbers are exactly those LineCursor finds in the whole decoded text. Values
 * sliced from a line keep only their chunk alive, so records handed on and dropped free it.
 * One TextDecoder in streaming mode strips a leading byte-order mark once, as decodeBytes does.
 */
export class ByteLines implements LineSource {
  lineNumber = 0;
  private offset = 0;
  private cursor: LineCursor | null = null;
  private bytes: Uint8Array | null;
  private readonly decoder = new TextDecoder("utf-8");

  constructor(bytes: Uint8Array, private readonly chunkBytes = CHUNK_BYTES) {
    this.bytes = bytes;
  }

  next(): string | null {
    for (;;) {
      const line = this.cursor?.next() ?? null;
      if (line !== null) {
        this.lineNumber++;
        return line;
      }
      const bytes = this.bytes;
      if (!bytes || this.offset >= bytes.length) {
        // Let go of the bytes and the last chunk as soon as the reader is done with them.
        this.bytes = null;
        this.cursor = null;
        return null;
      }
      let end = Math.min(bytes.length, this.offset + Math.max(1, this.chunkBytes));
      if (end < bytes.length) {
        const newline = bytes.indexOf(10, end - 1);
        end = newline === -1 ? bytes.length : newline + 1;
      }
      const text = this.decoder.decode(bytes.subarray(this.offset, end), { stream: end < bytes.length });
      this.offset = end;
      this.cursor = new LineCursor(text);
    }
  }
}
