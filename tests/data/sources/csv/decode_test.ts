import assert from "node:assert/strict";
import { decodeText } from "../../../../lib/data/sources/csv/decode.ts";

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

Deno.test("decodeText strips a UTF-8 byte-order mark and says so", () => {
  const decoded = decodeText(bytes(0xef, 0xbb, 0xbf, ...ascii("a,b\n")));
  assert.equal(decoded.text, "a,b\n");
  assert.equal(decoded.encoding, "utf-8-bom");
  assert.notEqual(decoded.text.charCodeAt(0), 0xfeff);
});

Deno.test("decodeText reads plain UTF-8, multi-byte characters included", () => {
  const decoded = decodeText(bytes(...ascii("Caf"), 0xc3, 0xa9));
  assert.deepEqual(decoded, { text: "Café", encoding: "utf-8" });
});

Deno.test("decodeText falls back to latin-1 (windows-1252) on invalid UTF-8", () => {
  const decoded = decodeText(bytes(...ascii("Caf"), 0xe9, 0x20, 0x80));
  assert.equal(decoded.text, "Café €");
  assert.equal(decoded.encoding, "latin-1");
  assert.ok(!decoded.text.includes("\ufffd"));
});
