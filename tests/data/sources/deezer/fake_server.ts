/**
 * A local server that answers like Deezer's public API (the shapes of the recorded bodies in
 * the shared deezer-api folder: artist, artist search, albums, album tracks and top tracks in the
 * chart-track shape, track details, `{"error": …}` bodies with HTTP 200, 404 for unknown paths),
 * over a generated catalogue, with 30-s previews as small silent MP3 files. Lists are cut into
 * pages of at most `pageSize` items whatever the limit asked, so pagination is exercised. A
 * `fault` hook replaces chosen answers (500, 429, timeouts, malformed bodies, cut previews).
 * @module
 */
import {
  type FakeArtist,
  type FakeCatalogue,
  fakeCatalogue,
  type FakeTrack,
} from "../collect/fake_catalogue.ts";
import { silentMp3 } from "../collect/mp3_fixture.ts";
import { type Answer, json, type Loopback, serveLoopback } from "../http/loopback.ts";

/** Options of {@link startFakeDeezer}. */
export interface FakeDeezerOptions {
  /** Artists in the catalogue; default 12. */
  artists?: number;
  /** Largest page served; default 7. */
  pageSize?: number;
  /** Replaces the answer to a request when it returns one (the normal answer is passed in). */
  fault?: (target: string, n: number, normal: Response) => Answer | undefined;
}

/** A running fake Deezer. */
export interface FakeDeezer extends Loopback {
  catalogue: FakeCatalogue;
}

function picture(kind: string, id: number) {
  const base = `https://e-cdns-images.dzcdn.net/images/${kind}/${
    id.toString(16).padStart(32, "0")
  }`;
  return {
    picture: `https://api.deezer.com/${kind}/${id}/image`,
    picture_small: `${base}/56x56-000000-80-0-0.jpg`,
    picture_medium: `${base}/250x250-000000-80-0-0.jpg`,
    picture_big: `${base}/500x500-000000-80-0-0.jpg`,
    picture_xl: `${base}/1000x1000-000000-80-0-0.jpg`,
  };
}

function artistBody(id: number, name: string, fans: number, albums: number) {
  return {
    id,
    name,
    link: `https://www.deezer.com/artist/${id}`,
    share: `https://www.deezer.com/artist/${id}?utm_source=deezer`,
    ...picture("artist", id),
    nb_album: albums,
    nb_fan: fans,
    radio: true,
    tracklist: `https://api.deezer.com/artist/${id}/top?limit=50`,
    type: "artist",
  };
}

/** Starts the fake server over a generated catalogue. */
export function startFakeDeezer(options: FakeDeezerOptions = {}): FakeDeezer {
  const catalogue = fakeCatalogue({ artists: options.artists ?? 12 });
  const pageSize = options.pageSize ?? 7;
  const byId = new Map(catalogue.artists.map((a) => [a.id, a]));
  let base = "";

  const artistName = (t: FakeTrack) => byId.get(t.artistId)?.name ?? `Guest ${t.artistId}`;
  const listItem = (t: FakeTrack) => {
    const album = catalogue.albums.get(t.albumId)!;
    return {
      id: t.id,
      readable: true,
      title: t.title,
      title_short: t.title.replace(/ \(.*\)$/, ""),
      title_version: "",
      link: `https://www.deezer.com/track/${t.id}`,
      duration: t.duration,
      rank: t.rank,
      explicit_lyrics: t.explicit,
      explicit_content_lyrics: 0,
      explicit_content_cover: 0,
      preview: t.preview ? `${base}/preview/${t.id}.mp3` : "",
      md5_image: "0".repeat(32),
      artist: {
        id: t.artistId,
        name: artistName(t),
        tracklist: `https://api.deezer.com/artist/${t.artistId}/top?limit=50`,
        type: "artist",
      },
      album: {
        id: album.id,
        title: album.title,
        cover: `https://api.deezer.com/album/${album.id}/image`,
        tracklist: `https://api.deezer.com/album/${album.id}/tracks`,
        type: "album",
      },
      type: "track",
    };
  };
  const page = (items: unknown[], url: URL) => {
    const index = Number(url.searchParams.get("index") ?? 0);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 25), pageSize);
    const data = items.slice(index, index + limit);
    const body: Record<string, unknown> = { data, total: items.length };
    if (index > 0) body.prev = `${base}${url.pathname}?index=${Math.max(0, index - limit)}`;
    if (index + limit < items.length) {
      body.next = `${base}${url.pathname}?index=${index + limit}&limit=${limit}`;
    }
    return json(body);
  };
  const noData = () => json({ error: { type: "DataException", message: "no data", code: 800 } });

  const normal = (url: URL): Response => {
    const path = url.pathname;
    let m: RegExpMatchArray | null;
    if (path === "/search/artist") {
      // Deezer's search ignores case and accents.
      const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
      const q = fold(url.searchParams.get("q") ?? "");
      const hits = catalogue.artists.filter((a) => fold(a.name).includes(q));
      const data = hits.flatMap((a: FakeArtist) => [
        artistBody(a.id + 9000, `Tribute to ${a.name}`, 440, 1),
        artistBody(a.id, a.name, a.fans, a.albums.length),
        artistBody(a.id + 8000, `${a.name} - Stardust`, 4046, 0),
      ]);
      return json({ data, total: data.length });
    }
    if ((m = path.match(/^\/artist\/(\d+)$/))) {
      const a = byId.get(Number(m[1]));
      return a ? json(artistBody(a.id, a.name, a.fans, a.albums.length)) : noData();
    }
    if ((m = path.match(/^\/artist\/(\d+)\/top$/))) {
      const a = byId.get(Number(m[1]));
      if (!a) return noData();
      const limit = Number(url.searchParams.get("limit") ?? 5);
      const top = a.ranked.slice(0, 10).map(listItem).map((t, i) => ({ ...t, position: i + 1 }));
      const body: Record<string, unknown> = { data: top.slice(0, limit), total: 10 };
      if (limit < 10) body.next = `${base}/artist/${a.id}/top?limit=${limit}&index=${limit}`;
      return json(body);
    }
    if ((m = path.match(/^\/artist\/(\d+)\/albums$/))) {
      const a = byId.get(Number(m[1]));
      if (!a) return noData();
      return page(
        a.albums.slice().reverse().map((al) => ({
          id: al.id,
          title: al.title,
          link: `https://www.deezer.com/album/${al.id}`,
          cover: `https://api.deezer.com/album/${al.id}/image`,
          md5_image: "0".repeat(32),
          genre_id: 113,
          fans: 1000,
          release_date: al.releaseDate,
          record_type: al.recordType,
          tracklist: `https://api.deezer.com/album/${al.id}/tracks`,
          explicit_lyrics: false,
          type: "album",
        })),
        url,
      );
    }
    if ((m = path.match(/^\/album\/(\d+)\/tracks$/))) {
      const al = catalogue.albums.get(Number(m[1]));
      if (!al) return noData();
      return page(al.tracks.map(listItem), url);
    }
    if ((m = path.match(/^\/track\/(-?\d+)$/))) {
      const t = catalogue.tracks.get(Number(m[1]));
      if (!t || t.noData) return noData();
      const album = catalogue.albums.get(t.albumId)!;
      const item = listItem(t);
      return json({
        ...item,
        isrc: t.isrc,
        share: `https://www.deezer.com/track/${t.id}?utm_source=deezer`,
        track_position: album.tracks.indexOf(t) + 1,
        disk_number: 1,
        release_date: t.releaseDate,
        bpm: t.bpm,
        gain: t.gain,
        available_countries: ["FR", "US"],
        contributors: [{ ...item.artist, role: "Main" }],
        artist: {
          ...item.artist,
          ...picture("artist", t.artistId),
          link: `https://www.deezer.com/artist/${t.artistId}`,
        },
        album: {
          ...item.album,
          link: `https://www.deezer.com/album/${album.id}`,
          release_date: album.releaseDate,
        },
      });
    }
    if ((m = path.match(/^\/preview\/(\d+)\.mp3$/))) {
      const t = catalogue.tracks.get(Number(m[1]));
      if (!t || !t.preview) return json({ error: "Not Found" }, 404);
      return new Response(silentMp3(t.frames), { headers: { "content-type": "audio/mpeg" } });
    }
    return json({ error: "Not Found" }, 404);
  };

  const server = serveLoopback((_req, url, n) => {
    const answer = normal(url);
    return options.fault?.(url.pathname + url.search, n, answer) ?? answer;
  });
  base = server.url;
  return { ...server, catalogue };
}
