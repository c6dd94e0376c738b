/**
 * Getting a track's 30-s preview onto disk once: a complete preview already there is reused; a
 * partial or corrupt one is fetched again; a download is checked to be a whole MP3 (a cut or
 * corrupt body is fetched again by the HTTP client); a refused signed URL (403, 404, 410 — they
 * expire) is renewed once through the provider. A preview that still cannot be had is reported,
 * not fatal: the track keeps an empty `audio_path` and the next run tries again.
 *
 * @example
 * ```ts
 * import { PreviewFetcher } from "./preview_fetch.ts";
 * import { PreviewStore } from "./previews.ts";
 * // const fetcher = new PreviewFetcher(provider, new PreviewStore("data/deezer/previews"));
 * // const { path, problem } = await fetcher.fetch("3135556", "https://cdns-preview…mp3");
 * ```
 * @module
 */
import { projectRoot } from "../../../config.ts";
import { DownloadError } from "../http/errors.ts";
import { scanMp3 } from "./mp3.ts";
import type { PreviewStore } from "./previews.ts";
import type { Provider } from "./provider.ts";

/** Statuses of a refused preview URL that a fresh URL may cure. */
const EXPIRED_URL_STATUSES = [403, 404, 410] as const;

/**
 * A path as stored in `audio_path`: relative to the project root when the file lies inside it,
 * as given otherwise.
 */
export function audioPathFor(path: string): string {
  try {
    const root = projectRoot();
    if (path.startsWith(`${root}/`)) return path.slice(root.length + 1);
  } catch { /* no project root above the working directory: keep the path */ }
  return path;
}

/** Counters of a {@link PreviewFetcher}. */
export interface PreviewCounts {
  /** Downloaded now. */
  downloaded: number;
  /** Complete on disk already. */
  reused: number;
  /** Found partial or corrupt on disk, fetched again. */
  repaired: number;
  /** Could not be had. */
  failed: number;
}

/** Fetches previews into a {@link PreviewStore}; see the module documentation. */
export class PreviewFetcher {
  /** What was done so far. */
  readonly counts: PreviewCounts = { downloaded: 0, reused: 0, repaired: 0, failed: 0 };
  readonly #provider: Provider;
  readonly #store: PreviewStore;
  readonly #log: (line: string) => void;

  /**
   * A fetcher that asks `provider` for preview URLs, saves into `store` and reports each step to
   * `log` (silent by default).
   */
  constructor(provider: Provider, store: PreviewStore, log: (line: string) => void = () => {}) {
    this.#provider = provider;
    this.#store = store;
    this.#log = log;
  }

  async #download(url: string, what: string): Promise<Uint8Array> {
    return await this.#provider.client.download(url, {
      what,
      validate: (bytes) => {
        const scan = scanMp3(bytes);
        return scan.ok ? null : `${what} is not a whole MP3: ${scan.problem}`;
      },
    });
  }

  /**
   * The track's preview on disk: its `audio_path`, or null with the problem in words.
   *
   * @throws what the HTTP client throws other than {@link DownloadError} (RateLimitPause, …)
   */
  async fetch(
    trackId: string,
    url: string,
  ): Promise<{ path: string | null; problem: string | null }> {
    const state = await this.#store.verify(trackId);
    if (state === "ok") {
      this.counts.reused++;
      return { path: audioPathFor(this.#store.path(trackId)), problem: null };
    }
    if (state !== "missing") {
      this.counts.repaired++;
      this.#log(`  preview of track ${trackId} on disk is ${state}: fetching it again`);
    }
    const what = `preview of track ${trackId}`;
    let bytes: Uint8Array | null = null;
    let problem = "";
    try {
      bytes = await this.#download(url, what);
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      problem = error.message;
      const refused = error.status !== null &&
        (EXPIRED_URL_STATUSES as readonly number[]).includes(error.status);
      const fresh = refused && this.#provider.refreshPreviewUrl
        ? await this.#provider.refreshPreviewUrl(trackId)
        : null;
      if (fresh) {
        try {
          bytes = await this.#download(fresh, what);
        } catch (again) {
          if (!(again instanceof DownloadError)) throw again;
          problem = `${again.message} (after renewing the URL)`;
        }
      }
    }
    if (!bytes) {
      this.counts.failed++;
      return { path: null, problem };
    }
    await this.#store.save(trackId, bytes);
    this.counts.downloaded++;
    return { path: audioPathFor(this.#store.path(trackId)), problem: null };
  }
}
