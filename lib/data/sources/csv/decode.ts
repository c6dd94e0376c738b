/**
 * Decoding a CSV file's bytes to text: UTF-8 with or without a byte-order mark, and windows-1252
 * (latin-1) for files that are not UTF-8 ({@link decodeText}).
 *
 * @example
 * ```ts
 * import { decodeText } from "./decode.ts";
 * const { text, encoding } = decodeText(await Deno.readFile("songs.csv"));
 * console.log(encoding, text.length);
 * ```
 * @module
 */
/** How {@link decodeText} read the bytes. */
export type TextEncoding = "utf-8" | "utf-8-bom" | "latin-1";

/** Text decoded by {@link decodeText}. */
export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  /**
   * `utf-8-bom` when a UTF-8 byte-order mark was stripped; `latin-1` when the bytes were not
   * UTF-8.
   */
  encoding: TextEncoding;
}

/**
 * Decodes a file's bytes: UTF-8 (a leading byte-order mark EF BB BF is stripped and reported as
 * `utf-8-bom`), and when the bytes are not valid UTF-8, windows-1252 — the superset of latin-1
 * that spreadsheet exports use — reported as `latin-1`. No byte is ever replaced by U+FFFD.
 *
 * @example
 * ```ts
 * import { decodeText } from "./decode.ts";
 * decodeText(new Uint8Array([0x43, 0x61, 0x66, 0xe9])); // { text: "Café", encoding: "latin-1" }
 * ```
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "latin-1" };
  }
}
