/**
 * A deterministic music catalogue for the fake provider servers: artists with fans and
 * popularity, albums, EPs, singles (one repeating an album track as a radio edit), a compilation
 * (to be left out), a guest's track on an artist's album (to be left out), tracks without a
 * preview, and one track per artist whose details answer "no data".
 * @module
 */
import { Rng } from "../../../../lib/data/random.ts";

/** A track of the catalogue. */
export interface FakeTrack {
  id: number;
  title: string;
  /** The track's main artist (a guest on another artist's album has its own). */
  artistId: number;
  albumId: number;
  /** Deezer rank 0–1,000,000. */
  rank: number;
  /** Seconds. */
  duration: number;
  bpm: number;
  gain: number;
  isrc: string;
  releaseDate: string;
  explicit: boolean;
  /** Whether a preview exists. */
  preview: boolean;
  /** Its details answer "no data". */
  noData: boolean;
  /** Frames of its silent MP3 preview. */
  frames: number;
}

/** A release. */
export interface FakeAlbum {
  id: number;
  title: string;
  recordType: "album" | "ep" | "single" | "compilation";
  releaseDate: string;
  artistId: number;
  tracks: FakeTrack[];
}

/** An artist. */
export interface FakeArtist {
  id: number;
  name: string;
  fans: number;
  /** 0–100. */
  popularity: number;
  genre: string;
  albums: FakeAlbum[];
  /** Its own tracks by rank, highest first (the top tracks are the first ones). */
  ranked: FakeTrack[];
}

/** The whole catalogue. */
export interface FakeCatalogue {
  artists: FakeArtist[];
  tracks: Map<number, FakeTrack>;
  albums: Map<number, FakeAlbum>;
}

/** Artist names used first (diacritics, articles, an ampersand); more are numbered. */
export const FAKE_ARTIST_NAMES = [
  "Daft Punk",
  "Angèle",
  "Stromae",
  "Christine and the Queens",
  "Air",
  "Justice",
  "Phoenix",
  "M83",
  "Zaz",
  "Indochine",
  "Orelsan",
  "Aya Nakamura",
  "Earth, Wind & Fire",
  "The Blaze",
];

const WORDS = [
  "Love",
  "Night",
  "Digital",
  "Gold",
  "Fire",
  "City",
  "Dream",
  "Light",
  "Time",
  "Heart",
  "Run",
  "Echo",
  "Velvet",
  "Storm",
  "Blue",
  "Paris",
];

function date(rng: Rng): string {
  const y = rng.int(1995, 2025);
  return `${y}-${String(rng.int(1, 13)).padStart(2, "0")}-${
    String(rng.int(1, 29)).padStart(2, "0")
  }`;
}

/** The catalogue for `artists` artists (ids 1001, 1002, …), drawn from `seed`. */
export function fakeCatalogue(options: { artists?: number; seed?: number } = {}): FakeCatalogue {
  const nArtists = options.artists ?? 12;
  const rng = new Rng(options.seed ?? 1);
  const tracks = new Map<number, FakeTrack>();
  const albums = new Map<number, FakeAlbum>();
  const artists: FakeArtist[] = [];
  for (let a = 0; a < nArtists; a++) {
    const artistId = 1001 + a;
    const name = FAKE_ARTIST_NAMES[a] ?? `Artist ${a + 1}`;
    const star = rng.uniform(0.3, 1);
    const artist: FakeArtist = {
      id: artistId,
      name,
      fans: Math.round(star * 4_000_000),
      popularity: Math.round(star * 90),
      genre: rng.choice(["pop", "electro", "rock", "rap"]),
      albums: [],
      ranked: [],
    };
    let trackSerial = 0;
    const newTrack = (
      albumId: number,
      title: string,
      releaseDate: string,
      owner = artistId,
    ): FakeTrack => {
      const id = artistId * 1000 + trackSerial++;
      const t: FakeTrack = {
        id,
        title,
        artistId: owner,
        albumId,
        rank: Math.round(rng.uniform(0.2, 1) * star * 1_000_000),
        duration: rng.int(150, 330),
        bpm: rng.bernoulli(0.15) ? 0 : Math.round(rng.uniform(80, 160) * 10) / 10,
        gain: Math.round(rng.uniform(-14, -5) * 10) / 10,
        isrc: `FR${String.fromCharCode(65 + (a % 26))}${String.fromCharCode(65 + ((a * 7) % 26))}${
          String.fromCharCode(65 + ((a * 3) % 26))
        }${String(20 + (id % 10)).padStart(2, "0")}${String(id % 100000).padStart(5, "0")}`,
        releaseDate,
        explicit: rng.bernoulli(0.2),
        preview: !rng.bernoulli(0.1),
        noData: false,
        frames: 12 + (id % 9),
      };
      tracks.set(id, t);
      return t;
    };
    let albumSerial = 0;
    const newAlbum = (
      recordType: FakeAlbum["recordType"],
      n: number,
      owner = artistId,
    ): FakeAlbum => {
      const id = artistId * 100 + albumSerial++;
      const releaseDate = date(rng);
      const album: FakeAlbum = {
        id,
        title: `${rng.choice(WORDS)} ${rng.choice(WORDS)} ${albumSerial}`,
        recordType,
        releaseDate,
        artistId: owner,
        tracks: [],
      };
      for (let i = 0; i < n; i++) {
        album.tracks.push(
          newTrack(
            id,
            `${rng.choice(WORDS)} ${rng.choice(WORDS)} ${a + 1}.${trackSerial}`,
            releaseDate,
          ),
        );
      }
      albums.set(id, album);
      artist.albums.push(album);
      return album;
    };
    for (let i = 0; i < 4; i++) newAlbum("album", rng.int(8, 13));
    for (let i = 0; i < 2; i++) newAlbum("ep", 4);
    const firstAlbum = artist.albums[0];
    for (let i = 0; i < 3; i++) {
      const single = newAlbum("single", 0);
      if (i === 0) {
        // The same song as an album track, released again as a radio edit.
        single.tracks.push(
          newTrack(single.id, `${firstAlbum.tracks[1].title} (Radio Edit)`, single.releaseDate),
        );
      } else {single.tracks.push(
          newTrack(single.id, `${rng.choice(WORDS)} Single ${a + 1}.${i}`, single.releaseDate),
        );}
    }
    newAlbum("compilation", 5);
    // A guest's track on the artist's second album: not the artist's own.
    const guest = newTrack(
      artist.albums[1].id,
      `Guest Feature ${a + 1}`,
      artist.albums[1].releaseDate,
      artistId + 5000,
    );
    artist.albums[1].tracks.push(guest);
    const own = artist.albums.filter((al) => al.recordType !== "compilation")
      .flatMap((al) => al.tracks).filter((t) => t.artistId === artistId);
    artist.ranked = own.slice().sort((x, y) => y.rank - x.rank || x.id - y.id);
    // One track below the top ten answers "no data".
    artist.ranked[12].noData = true;
    artists.push(artist);
  }
  return { artists, tracks, albums };
}
