/**
 * The release date of a row — `release_date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), `release_year`
 * and `release_month` — from year/month/day columns or one ISO column, checked to be a real date
 * ({@link bindDate}). Internal to the import.
 *
 * @example
 * ```ts
 * import { bindDate } from "./release_date.ts";
 * const read = bindDate({ year: "year", month: "month" }, new Map([["year", 0], ["month", 1]]));
 * read(["2023", "7"]); // { release_date: "2023-07", release_year: 2023, release_month: 7 }
 * ```
 * @module
 */
import type { ValidCsvMapping } from "./mapping.ts";
import { readText, shown, ValueError } from "./values.ts";

export const DATE_COLUMNS = ["release_date", "release_year", "release_month"] as const;
export type ReleaseParts = Record<(typeof DATE_COLUMNS)[number], string | number | null>;
export const NO_RELEASE: ReleaseParts = {
  release_date: null,
  release_year: null,
  release_month: null,
};

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function releaseFromParts(year: number | null, month: number | null, day: number | null) {
  if (year === null) return NO_RELEASE;
  if (year < 1800 || year > 2100) throw new ValueError(`expected a year 1800–2100, found ${year}`);
  const yyyy = String(year).padStart(4, "0");
  if (month === null) {
    if (day !== null) throw new ValueError(`expected a month with day ${day}, found none`);
    return { release_date: yyyy, release_year: year, release_month: null };
  }
  if (month < 1 || month > 12) throw new ValueError(`expected a month 1–12, found ${month}`);
  const mm = String(month).padStart(2, "0");
  if (day === null) {
    return { release_date: `${yyyy}-${mm}`, release_year: year, release_month: month };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new ValueError(
      `expected a day 1–${daysInMonth(year, month)} for ${yyyy}-${mm}, found ${day}`,
    );
  }
  return {
    release_date: `${yyyy}-${mm}-${String(day).padStart(2, "0")}`,
    release_year: year,
    release_month: month,
  };
}

function releaseFromText(text: string): ReleaseParts {
  if (text.trim() === "") return NO_RELEASE;
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (!match) throw new ValueError(`expected YYYY, YYYY-MM or YYYY-MM-DD, found ${shown(text)}`);
  const [, y, m, d] = match;
  return releaseFromParts(Number(y), m ? Number(m) : null, d ? Number(d) : null);
}

/** Reads release_date/year/month from a row of one file; throws {@link ValueError}. */
export type DateReader = (fields: string[]) => ReleaseParts;

export function bindDate(
  spec: ValidCsvMapping["releaseDate"],
  index: Map<string, number>,
): DateReader {
  if (!spec) return () => NO_RELEASE;
  if ("column" in spec) {
    const i = index.get(spec.column) as number;
    return (fields) => releaseFromText(fields[i]);
  }
  const at = (column: string | undefined) =>
    column === undefined ? -1 : index.get(column) as number;
  const [y, m, d] = [at(spec.year), at(spec.month), at(spec.day)];
  const int = (fields: string[], i: number) =>
    i < 0 ? null : readText(fields[i], "integer", null, undefined) as number | null;
  return (fields) => releaseFromParts(int(fields, y), int(fields, m), int(fields, d));
}
