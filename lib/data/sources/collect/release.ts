/**
 * A provider's release date as the canonical columns: `release_date` (`YYYY`, `YYYY-MM` or
 * `YYYY-MM-DD`), `release_year` and `release_month`. Placeholders such as Deezer's `0000-00-00`
 * and impossible dates give nulls rather than invented values.
 *
 * @example
 * ```ts
 * import { releaseParts } from "./release.ts";
 * console.log(releaseParts("2001-03-07")); // { release_date: "2001-03-07", release_year: 2001, release_month: 3 }
 * console.log(releaseParts("0000-00-00")); // all null
 * ```
 * @module
 */

/** The canonical release columns of a track. */
export interface ReleaseParts {
  /**
   * Release date as `YYYY-MM-DD` (or shorter when only the year or month is known); null
   * when unknown.
   */
  release_date: string | null;
  /** Release year; null when unknown. */
  release_year: number | null;
  /** Release month, 1–12; null when unknown. */
  release_month: number | null;
}

const NONE: ReleaseParts = { release_date: null, release_year: null, release_month: null };

/** Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real date, year 1800–2100); nulls otherwise. */
export function releaseParts(date: string | null | undefined): ReleaseParts {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec((date ?? "").trim());
  if (!match) return NONE;
  const year = Number(match[1]);
  if (year < 1800 || year > 2100) return NONE;
  if (!match[2]) return { release_date: match[1], release_year: year, release_month: null };
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return { release_date: match[1], release_year: year, release_month: null };
  }
  const yyyymm = `${match[1]}-${match[2]}`;
  if (!match[3]) return { release_date: yyyymm, release_year: year, release_month: month };
  const day = Number(match[3]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    return { release_date: yyyymm, release_year: year, release_month: month };
  }
  return { release_date: `${yyyymm}-${match[3]}`, release_year: year, release_month: month };
}
