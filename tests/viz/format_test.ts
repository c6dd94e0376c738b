import assert from "node:assert/strict";
import {
  formatInterval,
  formatNumber,
  formatPercent,
  formatPValue,
  MISSING,
} from "../../lib/viz/format.ts";

Deno.test("formatNumber: three significant digits, integers in full", () => {
  assert.equal(formatNumber(0.123456), "0.123");
  assert.equal(formatNumber(12.3456), "12.3");
  assert.equal(formatNumber(9.3), "9.30");
  assert.equal(formatNumber(123456.7), "123,457");
  assert.equal(formatNumber(1234.5), "1,235");
  assert.equal(formatNumber(42), "42");
  assert.equal(formatNumber(-0.5), "-0.500");
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(0.00001234), "1.23e-5");
  assert.equal(formatNumber(0.1234, { digits: 2 }), "0.12");
});

Deno.test("formatNumber: missing values never read null or NaN", () => {
  for (const x of [null, undefined, NaN, Infinity, -Infinity]) {
    assert.equal(formatNumber(x), MISSING);
  }
});

Deno.test("formatPValue: tiny p-values as < 1e-12", () => {
  assert.equal(formatPValue(3e-15), "< 1e-12");
  assert.equal(formatPValue(0), "< 1e-12");
  assert.equal(formatPValue(2.5e-7), "2.5e-7");
  assert.equal(formatPValue(0.0312), "0.0312");
  assert.equal(formatPValue(0.5), "0.500");
  assert.equal(formatPValue(null), MISSING);
});

Deno.test("formatPercent and formatInterval", () => {
  assert.equal(formatPercent(0.4671), "46.7 %");
  assert.equal(formatInterval(8.137, 10.59), "[8.14, 10.6]");
  assert.equal(formatInterval(null, 1), `[${MISSING}, 1]`);
});
