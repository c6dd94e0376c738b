import assert from "node:assert/strict";
import {
  artistIdFromName,
  buildDataset,
  type CsvMapping,
  CsvMappingError,
  CsvParseError,
  decodeText,
  importCsv,
  MissingColumnError,
  normaliseName,
  parseCsv,
  splitArtists,
  trackIdFromNames,
} from "../../../lib/data/sources/csv.ts";

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

// ---------------------------------------------------------------------------------------------
// decodeText

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

// ---------------------------------------------------------------------------------------------
// parseCsv

Deno.test("parseCsv reads quoted fields with delimiters and doubled quotes", () => {
  const parsed = parseCsv('name,note\n"Earth, Wind & Fire","He said ""hi"""\n');
  assert.deepEqual(parsed.header, ["name", "note"]);
  assert.deepEqual(parsed.rows, [{ line: 2, fields: ["Earth, Wind & Fire", 'He said "hi"'] }]);
  assert.deepEqual(parsed.malformed, []);
});

Deno.test("parseCsv keeps line breaks inside quotes and counts lines from where rows start", () => {
  const parsed = parseCsv('a,b\n1,"two\nlines"\n2,"three\r\nmore\nlines"\n3,x\n');
  assert.deepEqual(parsed.rows.map((r) => r.line), [2, 4, 7]);
  assert.equal(parsed.rows[0].fields[1], "two\nlines");
  assert.equal(parsed.rows[1].fields[1], "three\r\nmore\nlines");
  assert.deepEqual(parsed.rows[2].fields, ["3", "x"]);
});

Deno.test("parseCsv handles CRLF, a missing final line break and empty fields", () => {
  const parsed = parseCsv("a,b,c\r\n1,,3\r\n,,\r\n4,5,");
  assert.deepEqual(parsed.rows, [
    { line: 2, fields: ["1", "", "3"] },
    { line: 3, fields: ["", "", ""] },
    { line: 4, fields: ["4", "5", ""] },
  ]);
  assert.ok(parsed.rows.every((r) => r.fields.every((f) => !f.includes("\r"))));
});

Deno.test("parseCsv counts a lone CR as a line break, inside quotes too", () => {
  const parsed = parseCsv('a,b\r1,"x\ry"\r2,3\r');
  assert.deepEqual(parsed.rows, [
    { line: 2, fields: ["1", "x\ry"] },
    { line: 4, fields: ["2", "3"] },
  ]);
});

Deno.test("parseCsv reports rows with the wrong field count as malformed, with their line", () => {
  const parsed = parseCsv("a,b\n1,2\n3\n4,5,6\n7,8\n");
  assert.deepEqual(parsed.rows.map((r) => r.line), [2, 5]);
  assert.deepEqual(parsed.malformed.map((m) => [m.line, m.reason]), [
    [3, "expected 2 fields (as in the header), found 1"],
    [4, "expected 2 fields (as in the header), found 3"],
  ]);
  assert.deepEqual(parsed.malformed[1].fields, ["4", "5", "6"]);
});

Deno.test("parseCsv reports text after a closing quote and an unterminated quote", () => {
  const parsed = parseCsv('a,b\n"x"y,1\n2,"open\n3,4\n');
  assert.equal(parsed.rows.length, 0);
  assert.equal(parsed.malformed[0].line, 2);
  assert.match(parsed.malformed[0].reason, /unexpected text "y" after the closing quote/);
  assert.equal(parsed.malformed[1].line, 3);
  assert.match(parsed.malformed[1].reason, /unterminated quoted field 2 opened on line 3/);
});

Deno.test("parseCsv skips and lists blank lines, drops a BOM, honours the delimiter", () => {
  const parsed = parseCsv("\ufeffa;b\n\n1;2,5\n\r\n3;4\n", { delimiter: ";" });
  assert.deepEqual(parsed.header, ["a", "b"]);
  assert.deepEqual(parsed.rows, [{ line: 3, fields: ["1", "2,5"] }, {
    line: 5,
    fields: ["3", "4"],
  }]);
  assert.deepEqual(parsed.blankLines, [2, 4]);
});

Deno.test("parseCsv keeps a stray quote inside an unquoted field as text", () => {
  const parsed = parseCsv('a,b\n5" vinyl,1\n');
  assert.deepEqual(parsed.rows[0].fields, ['5" vinyl', "1"]);
});

Deno.test("parseCsv rejects an empty text and an unusable delimiter", () => {
  assert.throws(() => parseCsv(""), CsvParseError);
  assert.throws(() => parseCsv("a,b\n", { delimiter: '"' }), /one-character delimiter/);
  assert.throws(() => parseCsv("a,b\n", { delimiter: ";;" }), CsvParseError);
});

Deno.test("parseCsv reads 40,000 rows in well under a second", () => {
  const line = 'Song,"Artist, The",spotify:track:2ZyuwVvV6Z3XJaXIFbspeE,0.741,0.626,1,-4.826\n';
  const text = "a,b,c,d,e,f,g\n" + line.repeat(40_000);
  const start = performance.now();
  const parsed = parseCsv(text);
  const ms = performance.now() - start;
  assert.equal(parsed.rows.length, 40_000);
  assert.equal(parsed.rows[39_999].line, 40_001);
  assert.ok(ms < 1000, `parsing took ${ms.toFixed(0)} ms`);
});

// ---------------------------------------------------------------------------------------------
// Names and ids

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

// ---------------------------------------------------------------------------------------------
// Mapping

const header =
  "title,artist,pop,key,dance,bpm,year,month,day,streams,playlists,hit,artist_pop,followers";
const MAPPING: CsvMapping = {
  tracks: {
    track_name: "title",
    track_popularity: "pop",
    key: { column: "key", values: { C: 0, "C#": 1, D: 2, B: 11 } },
    danceability: { column: "dance", scale: 0.01 },
    tempo: "bpm",
  },
  artist: { name: "artist", separator: ", ", popularity: "artist_pop", followers: "followers" },
  releaseDate: { year: "year", month: "month", day: "day" },
  extras: {
    streams: { column: "streams", parse: "integer" },
    playlists: { column: "playlists", parse: "integer", thousands: ",", min: 0 },
    hit: { column: "hit", parse: "integer" },
  },
  target: { column: "streams", kind: "regression" },
};

function build(lines: string[], mapping: CsvMapping = MAPPING, path = "songs.csv") {
  return buildDataset([{ path, text: [header, ...lines].join("\n") + "\n" }], mapping);
}

const GOOD = 'Seven,"Latto, Jung Kook",90,B,80,125,2023,7,14,141381703,"2,445",1,80,1000';

Deno.test("importCsv maps columns: scale, lookup, date parts, thousands, extras", () => {
  const dataset = build([GOOD]);
  assert.deepEqual(dataset.issues, []);
  const track = dataset.tracks.toRecords()[0];
  assert.equal(track.track_name, "Seven");
  assert.equal(track.artist_name, "Latto");
  assert.equal(track.artist_id, "name:latto");
  assert.equal(track.track_id, "name:latto, jung kook|seven");
  assert.equal(track.track_popularity, 90);
  assert.equal(track.key, 11);
  assert.equal(track.danceability, 0.8);
  assert.equal(track.tempo, 125);
  assert.equal(track.release_date, "2023-07-14");
  assert.equal(track.release_year, 2023);
  assert.equal(track.release_month, 7);
  assert.equal(track.streams, 141381703);
  assert.equal(track.playlists, 2445);
  assert.deepEqual(dataset.target, { column: "streams", kind: "regression", threshold: null });
  assert.deepEqual(dataset.artists.toRecords(), [{
    artist_id: "name:latto",
    artist_name: "Latto",
    artist_popularity: 80,
    followers: 1000,
    genre: null,
  }]);
  assert.match(dataset.source, /songs\.csv \(1 rows\)/);
});

Deno.test("a mapping naming an absent column fails naming it and listing the columns found", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    tracks: { ...MAPPING.tracks, energy: "energy_%" },
  };
  const error = assert.throws(() => build([GOOD], mapping), (e: unknown) => {
    assert.ok(e instanceof MissingColumnError);
    assert.match(e.message, /"energy_%" \(mapping tracks\.energy\)/);
    assert.match(e.message, /songs\.csv/);
    assert.match(e.message, /columns found: "title", "artist", "pop"/);
    assert.deepEqual(e.missing, [{ column: "energy_%", field: "tracks.energy" }]);
    return true;
  });
  assert.equal(error, undefined);
});

Deno.test("a computed field reading an absent column fails the same way", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    extras: { ...MAPPING.extras, genre: { compute: (row) => row.get("genres") } },
  };
  assert.throws(() => build([GOOD], mapping), MissingColumnError);
});

Deno.test("an invalid mapping is rejected by zod with the path of each problem", () => {
  const typo = { ...MAPPING, tracks: { ...MAPPING.tracks, dancability: "dance" } } as CsvMapping;
  assert.throws(() => build([GOOD], typo), (e: unknown) => {
    assert.ok(e instanceof CsvMappingError);
    assert.match(e.message, /mapping\.tracks/);
    assert.match(e.message, /dancability/);
    return true;
  });
  const noTarget: CsvMapping = { ...MAPPING, target: { column: "plays", kind: "regression" } };
  assert.throws(() => build([GOOD], noTarget), /mapping\.target\.column: .*"plays"/);
  const clash: CsvMapping = { ...MAPPING, extras: { tempo: "bpm", streams: "streams" } };
  assert.throws(() => build([GOOD], clash), /extra column "tempo" clashes/);
  const badParse = {
    ...MAPPING,
    tracks: { ...MAPPING.tracks, tempo: { column: "bpm", parse: "float" } },
  } as unknown as CsvMapping;
  assert.throws(() => build([GOOD], badParse), /mapping\.tracks\.tempo/);
});

Deno.test("an ill-typed target excludes the row and reports its line and column", () => {
  const bad = GOOD.replace("141381703", "BPM110KeyAModeMajor");
  const dataset = build([GOOD, bad, GOOD.replace("Seven", "Other")]);
  assert.equal(dataset.tracks.height, 2);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [3, "streams", "excluded"],
  ]);
  assert.match(dataset.issues[0].reason, /expected an integer, found "BPM110KeyAModeMajor"/);
  assert.match(dataset.issues[0].reason, /songs\.csv/);
  assert.match(dataset.source, /1 rows excluded/);
});

Deno.test("an ill-typed optional feature is nulled and reported, the row kept", () => {
  const dataset = build([GOOD.replace(",125,", ",fast,")]);
  assert.equal(dataset.tracks.height, 1);
  assert.equal(dataset.tracks.getColumn("tempo").get(0), null);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [2, "bpm", "nulled"],
  ]);
  assert.match(dataset.issues[0].reason, /tracks\.tempo: expected a number, found "fast"/);
});

Deno.test("values outside the schema's ranges are nulled or exclude the row, never crash", () => {
  const lines = [
    GOOD.replace(",B,", ",H,"), // unknown key letter → key nulled
    GOOD.replace(",80,125,", ",150,125,"), // danceability 1.5 → nulled
    GOOD.replace(",2023,7,14,", ",2023,2,30,"), // no 30 February → release date nulled
    GOOD.replace(",90,", ",120,"), // popularity 120 → nulled (not the target here)
    GOOD.replace('"2,445"', "-3"), // below the extra's min → nulled
    GOOD.replace(",1,80,1000", ",1,180,1000"), // artist popularity 180 → nulled
  ];
  const dataset = build(lines);
  assert.equal(dataset.tracks.height, 6);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [2, "key", "nulled"],
    [3, "dance", "nulled"],
    [4, "year", "nulled"],
    [5, "pop", "nulled"],
    [6, "playlists", "nulled"],
    [7, "artist_pop", "nulled"],
  ]);
  assert.match(dataset.issues[0].reason, /expected one of "C", "C#", "D", "B", found "H"/);
  assert.match(dataset.issues[1].reason, /found 1\.5/);
  assert.match(dataset.issues[2].reason, /expected a day 1–28 for 2023-02, found 30/);
  assert.match(dataset.issues[4].reason, /expected a value ≥ 0, found -3/);
  const tracks = dataset.tracks.toRecords();
  assert.equal(tracks[0].key, null);
  assert.equal(tracks[1].danceability, null);
  assert.equal(tracks[2].release_date, null);
  assert.equal(tracks[3].track_popularity, null);
});

Deno.test("an out-of-range target excludes the row: popularity 120, binary target 2", () => {
  const popularity: CsvMapping = {
    ...MAPPING,
    target: { column: "track_popularity", kind: "regression", threshold: 50 },
  };
  const a = build([GOOD, GOOD.replace(",90,", ",120,").replace("Seven", "Eight")], popularity);
  assert.equal(a.tracks.height, 1);
  assert.deepEqual(a.issues.map((i) => [i.row, i.column, i.action]), [[3, "pop", "excluded"]]);
  assert.match(a.issues[0].reason, /found 120/);

  const binary: CsvMapping = { ...MAPPING, target: { column: "hit", kind: "binary" } };
  const b = build([GOOD, GOOD.replace(",1,80,", ",2,80,").replace("Seven", "Eight")], binary);
  assert.equal(b.tracks.height, 1);
  assert.deepEqual(b.issues.map((i) => [i.row, i.column, i.action]), [[3, "hit", "excluded"]]);
  assert.match(b.issues[0].reason, /expected a binary target 0 or 1, found 2/);
});

Deno.test("missing values are null without an issue; a missing target excludes the row", () => {
  const dataset = build([GOOD.replace(",B,", ",,"), GOOD.replace("141381703", "")]);
  assert.equal(dataset.tracks.height, 1);
  assert.equal(dataset.tracks.getColumn("key").get(0), null);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [3, "streams", "excluded"],
  ]);
});

Deno.test("malformed CSV rows are excluded and reported with their line", () => {
  const dataset = build([GOOD, "Broken,row,with,too,few", GOOD.replace("Seven", "Eight")]);
  assert.equal(dataset.tracks.height, 2);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [3, null, "excluded"],
  ]);
  assert.match(dataset.issues[0].reason, /expected 14 fields \(as in the header\), found 5/);
});

Deno.test("artists are deduplicated by id; differing values keep the max and are listed", () => {
  const dataset = build([
    GOOD,
    GOOD.replace("Seven", "Eight").replace('"Latto, Jung Kook"', "LATTO").replace(
      ",80,1000",
      ",75,1200",
    ),
    GOOD.replace("Seven", "Nine").replace('"Latto, Jung Kook"', "Jung Kook"),
  ]);
  const artists = dataset.artists.toRecords();
  assert.deepEqual(artists.map((a) => a.artist_id), ["name:latto", "name:jung kook"]);
  assert.equal(artists[0].artist_name, "Latto");
  assert.equal(artists[0].artist_popularity, 80);
  assert.equal(artists[0].followers, 1200);
  const conflicts = dataset.tables.artist_conflicts.toRecords();
  assert.deepEqual(conflicts.map((c) => [c.artist_id, c.column, c.kept, c.values]), [
    ["name:latto", "artist_popularity", "80", "80; 75"],
    ["name:latto", "followers", "1200", "1000; 1200"],
  ]);
});

Deno.test("duplicate track ids get a suffix and are listed, or are excluded on request", () => {
  const lines = [GOOD, GOOD.replace("Seven", "SEVEN"), GOOD];
  const suffixed = build(lines);
  assert.deepEqual(suffixed.tracks.getColumn("track_id").toArray(), [
    "name:latto, jung kook|seven",
    "name:latto, jung kook|seven#2",
    "name:latto, jung kook|seven#3",
  ]);
  const listed = suffixed.tables.duplicate_ids.toRecords();
  assert.deepEqual(listed.map((r) => [r.row, r.track_id, r.first_row]), [
    [3, "name:latto, jung kook|seven#2", 2],
    [4, "name:latto, jung kook|seven#3", 2],
  ]);
  assert.match(suffixed.source, /2 duplicate track ids renamed/);

  const excluded = buildDataset([{ path: "s.csv", text: [header, ...lines].join("\n") }], MAPPING, {
    duplicateIds: "exclude",
  });
  assert.equal(excluded.tracks.height, 1);
  assert.deepEqual(excluded.issues.map((i) => [i.row, i.column, i.action]), [
    [3, "track_id", "excluded"],
    [4, "track_id", "excluded"],
  ]);
  assert.match(excluded.issues[0].reason, /first on line 2 of s\.csv/);
});

Deno.test("a computed field that throws has its value nulled with the error as reason", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    extras: {
      ...MAPPING.extras,
      era: {
        compute: (row) => {
          const year = Number(row.get("year"));
          if (year > 2020) throw new Error(`expected a year ≤ 2020, found ${year}`);
          return `${Math.floor(year / 10) * 10}s`;
        },
        columns: ["year"],
      },
    },
  };
  const dataset = build([GOOD, GOOD.replace(",2023,", ",1999,").replace("Seven", "Old")], mapping);
  assert.deepEqual(dataset.tracks.getColumn("era").toArray(), [null, "1990s"]);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column, i.action]), [
    [2, "era", "nulled"],
  ]);
  assert.match(dataset.issues[0].reason, /expected a year ≤ 2020, found 2023/);
});

Deno.test("side tables keep columns out of the tracks table, by track id", () => {
  const mapping: CsvMapping = {
    ...MAPPING,
    sideTables: { counts: { columns: (h) => h.filter((c) => c === "hit"), parse: "integer" } },
  };
  const dataset = build([GOOD], mapping);
  assert.deepEqual(dataset.tables.counts.toRecords(), [
    { track_id: "name:latto, jung kook|seven", hit: 1 },
  ]);
});

Deno.test("several files are read into one dataset; issues name their file", () => {
  const dataset = buildDataset(
    [
      { path: "dir/a.csv", text: `${header}\n${GOOD}\n` },
      {
        path: "dir/b.csv",
        text: `${header}\n${GOOD.replace("Seven", "Six").replace("90", "x")}\n`,
      },
    ],
    MAPPING,
    { name: "both" },
  );
  assert.equal(dataset.name, "both");
  assert.equal(dataset.tracks.height, 2);
  assert.deepEqual(dataset.issues.map((i) => [i.row, i.column]), [[2, "pop"]]);
  assert.match(dataset.issues[0].reason, /^b\.csv: /);
  assert.match(dataset.source, /dir\/a\.csv \(1 rows\); dir\/b\.csv \(1 rows\)/);
});

Deno.test("a latin-1 file round trip: decoded, imported, reported as latin-1", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    const text = "title,artist,pop\nCrazy in Love,Beyoncé,88\nDéjà Vu,Beyoncé,70\n";
    const latin1 = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    assert.ok(latin1.includes(0xe9));
    await Deno.writeFile(path, latin1);
    const dataset = await importCsv(path, {
      tracks: { track_name: "title", track_popularity: "pop" },
      artist: { name: "artist" },
      target: { column: "track_popularity", kind: "regression", threshold: 50 },
    });
    assert.deepEqual(dataset.tracks.getColumn("track_name").toArray(), [
      "Crazy in Love",
      "Déjà Vu",
    ]);
    assert.deepEqual(dataset.artists.toRecords().map((a) => [a.artist_id, a.artist_name]), [
      ["name:beyoncé", "Beyoncé"],
    ]);
    assert.match(dataset.source, /latin-1/);
    assert.deepEqual(dataset.issues, []);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("importCsv names an unreadable file", async () => {
  await assert.rejects(
    importCsv("/nonexistent/songs.csv", MAPPING),
    /expected a readable CSV file at \/nonexistent\/songs\.csv; found NotFound/,
  );
});
