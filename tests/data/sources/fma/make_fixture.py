"""Writes an FMA metadata folder (tracks.csv, echonest.csv, genres.csv) in the exact layout of
mdeff/fma's fma_metadata/, with pandas' own to_csv from MultiIndex frames, then damages a few
rows the way files in the wild are damaged. Usage: make_fixture.py OUT_DIR

The frames follow FMA's columns (tracks.csv: album/artist/set/track, two header rows and an index
row; echonest.csv: three header rows). Tracks: 10 artists x 3 tracks in fma_small, plus one in
medium and one in large; see the FIXTURE dict printed as JSON on stdout for what the test expects.
"""
import json
import sys

import numpy as np
import pandas as pd

ALBUM = ["comments", "date_created", "date_released", "engineer", "favorites", "id",
         "information", "listens", "producer", "tags", "title", "tracks", "type"]
ARTIST = ["active_year_begin", "active_year_end", "associated_labels", "bio", "comments",
          "date_created", "favorites", "id", "latitude", "location", "longitude", "members",
          "name", "related_projects", "tags", "website", "wikipedia_page"]
SET = ["split", "subset"]
TRACK = ["bit_rate", "comments", "composer", "date_created", "date_recorded", "duration",
         "favorites", "genre_top", "genres", "genres_all", "information", "interest",
         "language_code", "license", "listens", "lyricist", "number", "publisher", "tags", "title"]
GENRES = {12: "Rock", 15: "Electronic", 17: "Folk", 21: "Hip-Hop", 38: "Experimental"}


def main(out):
    ids, rows = [], []
    splits = ["training"] * 8 + ["validation", "test"]
    for a in range(10):
        genre = list(GENRES)[a % len(GENRES)]
        for k in range(3):
            n = len(ids)
            track_id = [2, 3, 5, 10, 20, 26, 30, 46, 48, 134][a] * 10 + k if a else [2, 3, 5][k]
            ids.append(track_id)
            rows.append({
                ("album", "date_released"): f"{2008 + a % 5}-0{1 + k}-1{a % 9} 00:00:00"
                if k != 1 else np.nan,
                ("album", "id"): 100 + a,
                ("album", "title"): f"Album {a}",
                ("album", "tags"): "[]",
                ("artist", "favorites"): 3 * a,
                ("artist", "id"): 1000 + a,
                ("artist", "name"): f"Artist {a}, \"the\" {a}",
                ("artist", "tags"): str([f"tag{a}", "it's"]),
                ("set", "split"): splits[(n * 7) % 10],
                ("set", "subset"): "small",
                ("track", "bit_rate"): 256000,
                ("track", "date_created"): f"2008-11-2{k} 01:4{a % 10}:45",
                ("track", "duration"): 168 + 10 * n,
                ("track", "favorites"): n % 4,
                ("track", "genre_top"): GENRES[genre] if n % 7 else np.nan,
                ("track", "genres"): str([genre, 38] if k == 2 else [genre]),
                ("track", "genres_all"): str(sorted({genre, 38})),
                ("track", "interest"): 100 * n + 7,
                ("track", "listens"): 50 * (n + 1) + (n * 37) % 101,
                ("track", "tags"): "[]",
                ("track", "title"): f"Song {n}" if n != 4 else "Comma, \"quoted\" title",
            })
    for track_id, subset in ((155066, "medium"), (155320, "large")):
        ids.append(track_id)
        rows.append({("artist", "id"): 1005, ("artist", "name"): "Artist 5, \"the\" 5",
                     ("set", "split"): "training", ("set", "subset"): subset,
                     ("track", "listens"): 999, ("track", "title"): f"Outside small {subset}",
                     ("track", "genres"): "[12]", ("track", "duration"): 200})
    columns = pd.MultiIndex.from_tuples(
        [("album", c) for c in ALBUM] + [("artist", c) for c in ARTIST] +
        [("set", c) for c in SET] + [("track", c) for c in TRACK])
    tracks = pd.DataFrame(rows, index=pd.Index(ids, name="track_id"), columns=columns)
    for col in [("track", "listens"), ("track", "favorites"), ("track", "interest"),
                ("artist", "id"), ("album", "id")]:
        tracks[col] = tracks[col].astype("Int64")
    # Damage: a missing listens count, a genre list cut short, a date that is no date.
    bad_listens, bad_genres, bad_date = ids[5], ids[7], ids[9]
    tracks.loc[bad_listens, ("track", "listens")] = pd.NA
    tracks.loc[bad_genres, ("track", "genres")] = "[12, "
    tracks.loc[bad_date, ("album", "date_released")] = "sometime in 2009"
    text = tracks.to_csv()
    lines = text.split("\n")
    # A ragged row: one pandas-written line with its last five fields cut off.
    ragged_id = ids[12]
    ragged_line = next(i for i, line in enumerate(lines) if line.startswith(f"{ragged_id},"))
    lines[ragged_line] = ",".join(lines[ragged_line].split(",")[:-5])
    # A duplicate track id: a pandas-written line repeated.
    dup_line = next(i for i, line in enumerate(lines) if line.startswith(f"{ids[20]},"))
    lines.insert(dup_line + 1, lines[dup_line])
    with open(f"{out}/tracks.csv", "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines))

    features = ["acousticness", "danceability", "energy", "instrumentalness", "liveness",
                "speechiness", "tempo", "valence"]
    echo_columns = pd.MultiIndex.from_tuples(
        [("echonest", "audio_features", c) for c in features] +
        [("echonest", "metadata", c) for c in ["album_date", "album_name", "artist_name"]] +
        [("echonest", "social_features", c) for c in ["artist_familiarity", "song_hotttnesss"]] +
        [("echonest", "temporal_features", f"{i:03d}") for i in range(3)])
    echo_ids = ids[:15:2] + [99999]
    rng = np.random.default_rng(7)
    echo = pd.DataFrame(rng.uniform(0.05, 0.95, (len(echo_ids), len(echo_columns))),
                        index=pd.Index(echo_ids, name="track_id"), columns=echo_columns)
    echo[("echonest", "audio_features", "tempo")] = 90 + 10 * np.arange(len(echo_ids))
    echo[("echonest", "metadata", "album_name")] = "An album"
    echo[("echonest", "metadata", "album_date")] = np.nan
    echo[("echonest", "metadata", "artist_name")] = "Someone"
    echo.loc[ids[2], ("echonest", "audio_features", "danceability")] = 1.7
    echo.to_csv(f"{out}/echonest.csv")

    genres = pd.DataFrame({"#tracks": [10, 20, 30, 40, 50], "parent": [0, 0, 0, 0, 0],
                           "title": list(GENRES.values()), "top_level": list(GENRES)},
                          index=pd.Index(list(GENRES), name="genre_id"))
    genres.to_csv(f"{out}/genres.csv")

    print(json.dumps({
        "ids": ids, "small": ids[:30], "badListens": bad_listens, "badGenres": bad_genres,
        "badDate": bad_date, "ragged": ragged_id, "duplicate": ids[20],
        "outOfRange": ids[2], "echonest": echo_ids,
        "listens": {str(i): int(v) for i, v in tracks[("track", "listens")].dropna().items()},
        "pandas": pd.__version__,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
