/**
 * Small synthetic chart files in the Spotify Charts layouts, written in test code: the
 * spotifycharts.com daily file (a note line, then Position,Track Name,Artist,Streams,URL), the
 * charts.spotify.com download (rank,uri,…,streams), and the long file with Date and Region.
 * @module
 */

/** A 22-character Spotify id for track number `n`. */
export function spotifyId(n: number): string {
  return `Trk${String(n).padStart(4, "0")}abcdefghijklmnop`.slice(0, 22);
}

/** The streams of track `n` on day `d` (0-based), with a weekly rhythm. */
export function chartStreams(n: number, d: number): number {
  return 1000 * (10 - n) + [0, 50, 100, 150, 200, 900, 600][d % 7] + d;
}

/** One spotifycharts.com daily file (URL variant, note line above the header). */
export function dailyUrlFile(tracks: readonly number[], d: number): string {
  const lines = [
    ',,,"Note that these figures are generated using a formula that protects against any artificial inflation of chart positions.",',
    "Position,Track Name,Artist,Streams,URL",
  ];
  tracks.forEach((n, i) =>
    lines.push(
      `${i + 1},"Song ${n}, part ${n}",Artist ${n},${
        chartStreams(n, d)
      },https://open.spotify.com/track/${spotifyId(n)}`,
    )
  );
  return lines.join("\n") + "\n";
}

/** One charts.spotify.com daily download (uri variant, no date column). */
export function dailyUriFile(tracks: readonly number[], d: number): string {
  const lines = [
    "rank,uri,artist_names,track_name,source,peak_rank,previous_rank,days_on_chart,streams",
  ];
  tracks.forEach((n, i) =>
    lines.push(
      `${i + 1},spotify:track:${spotifyId(n)},Artist ${n},Song ${n},Label,1,1,10,${
        chartStreams(n, d)
      }`,
    )
  );
  return lines.join("\r\n") + "\r\n";
}

/** The date of day `d` counted from 2017-01-01. */
export function dayDate(d: number): string {
  return new Date(Date.UTC(2017, 0, 1 + d)).toISOString().slice(0, 10);
}

/** One long file (id variant) with Date and Region columns over `days` days and `regions`. */
export function longIdFile(
  tracks: readonly number[],
  days: number,
  regions: readonly string[],
): string {
  const lines = ["Position,Track Name,Artist,Streams,id,Date,Region"];
  for (const region of regions) {
    for (let d = 0; d < days; d++) {
      tracks.forEach((n, i) =>
        lines.push(
          `${i + 1},Song ${n},Artist ${n},${chartStreams(n, d)},${spotifyId(n)},${
            dayDate(d)
          },${region}`,
        )
      );
    }
  }
  return lines.join("\n") + "\n";
}
