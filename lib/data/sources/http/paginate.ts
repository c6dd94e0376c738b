/**
 * Following a paginated list to its end: the caller fetches one page, says which items it holds
 * and the URL of the next page (or null), and gets every item in order. A page limit guards
 * against a provider whose `next` never ends.
 *
 * @example
 * ```ts
 * import { collectPages } from "./paginate.ts";
 * const items = await collectPages("https://api.example/list?index=0", async (url) => {
 *   const index = Number(new URL(url).searchParams.get("index"));
 *   return { items: [index, index + 1], next: index < 4 ? `https://api.example/list?index=${index + 2}` : null };
 * });
 * console.log(items); // [0, 1, 2, 3, 4, 5]
 * ```
 * @module
 */

/** One page: its items and the next page's URL, null on the last page. */
export interface Page<T> {
  /** The page's items, in the provider's order. */
  items: T[];
  /** The next page's URL; null on the last page. */
  next: string | null;
}

/** Raised when a list has more pages than allowed (a `next` that never ends). */
export class PaginationError extends Error {
  /** Creates the error; `message` names the list and the page limit. */
  constructor(message: string) {
    super(message);
    this.name = "PaginationError";
  }
}

/** Options of {@link collectPages}. */
export interface PaginateOptions {
  /** Most pages followed; default 500. */
  maxPages?: number;
}

/**
 * Every item of a paginated list, fetching page after page until `next` is null, a page is
 * empty, or a URL repeats.
 *
 * @throws {PaginationError} beyond `maxPages` pages
 */
export async function collectPages<T>(
  first: string,
  fetchPage: (url: string) => Promise<Page<T>>,
  options: PaginateOptions = {},
): Promise<T[]> {
  const maxPages = options.maxPages ?? 500;
  const items: T[] = [];
  const seen = new Set<string>();
  let url: string | null = first;
  while (url !== null && !seen.has(url)) {
    if (seen.size >= maxPages) {
      throw new PaginationError(`expected at most ${maxPages} pages from ${first}; found more`);
    }
    seen.add(url);
    const page: Page<T> = await fetchPage(url);
    items.push(...page.items);
    url = page.items.length > 0 ? page.next : null;
  }
  return items;
}
