import assert from "node:assert/strict";
import { releaseParts } from "../../../../lib/data/sources/collect/release.ts";

Deno.test("release dates of every precision; placeholders and impossible dates give nulls", () => {
  assert.deepEqual(releaseParts("2001-03-07"), {
    release_date: "2001-03-07",
    release_year: 2001,
    release_month: 3,
  });
  assert.deepEqual(releaseParts("1981-12"), {
    release_date: "1981-12",
    release_year: 1981,
    release_month: 12,
  });
  assert.deepEqual(releaseParts("1981"), {
    release_date: "1981",
    release_year: 1981,
    release_month: null,
  });
  const none = { release_date: null, release_year: null, release_month: null };
  assert.deepEqual(releaseParts("0000-00-00"), none);
  assert.deepEqual(releaseParts(undefined), none);
  assert.deepEqual(releaseParts("07/03/2001"), none);
  assert.deepEqual(releaseParts("2001-02-30"), {
    release_date: "2001-02",
    release_year: 2001,
    release_month: 2,
  });
});
