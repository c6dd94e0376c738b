import assert from "node:assert/strict";
import {
  artistIdFromName,
  normaliseName,
  splitArtists,
  trackIdFromNames,
} from "../../../../lib/data/sources/csv/names.ts";

Deno.test("artist and track ids follow the documented rule", () => {
  assert.equal(normaliseName("  Tegan \t And  Sara "), "tegan and sara");
  assert.equal(artistIdFromName("Tegan And Sara"), artistIdFromName("tegan and sara"));
  assert.equal(artistIdFromName("Beyoncé"), "name:beyoncé");
  assert.notEqual(artistIdFromName("Beyoncé"), artistIdFromName("Beyonce"));
  assert.equal(trackIdFromNames(["Latto", "Jung Kook"], "Seven"), "name:latto, jung kook|seven");
  assert.deepEqual(splitArtists("Latto, Jung Kook", ", "), ["Latto", "Jung Kook"]);
  assert.deepEqual(
    splitArtists("Pharrell Williams, Tyler, The Creator, 21 Savage", ", ", ["Tyler, The Creator"]),
    ["Pharrell Williams", "Tyler, The Creator", "21 Savage"],
  );
});
