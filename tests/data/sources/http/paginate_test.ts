import assert from "node:assert/strict";
import { collectPages, PaginationError } from "../../../../lib/data/sources/http/paginate.ts";

const pages: Record<string, { items: number[]; next: string | null }> = {
  a: { items: [1, 2], next: "b" },
  b: { items: [3], next: "c" },
  c: { items: [], next: "d" }, // an empty page ends the list whatever `next` says
  d: { items: [99], next: null },
};

Deno.test("pages are followed in order until next is null or a page is empty", async () => {
  const seen: string[] = [];
  const items = await collectPages("a", (url) => {
    seen.push(url);
    return Promise.resolve(pages[url]);
  });
  assert.deepEqual(items, [1, 2, 3]);
  assert.deepEqual(seen, ["a", "b", "c"]);
});

Deno.test("a repeating next URL stops; too many pages is an error", async () => {
  assert.deepEqual(await collectPages("x", () => Promise.resolve({ items: [1], next: "x" })), [1]);
  let n = 0;
  await assert.rejects(
    collectPages("p0", () => Promise.resolve({ items: [n], next: `p${++n}` }), { maxPages: 5 }),
    (e: Error) => e instanceof PaginationError && /at most 5 pages/.test(e.message),
  );
});
