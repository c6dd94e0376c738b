/**
 * The spectrogram type shared by the STFT, the mel spectrogram, power_to_db and the viewers.
 * @module
 */

/** What a spectrogram's values are: |X|² (power), |X|^p for another p (magnitude), or dB. */
export type SpectrogramScale = "power" | "magnitude" | "db";

/**
 * A [rows × frames] matrix, row-major: `data[row * frames + t]`. Frame t is centred at
 * t·hopLength / sampleRate seconds (with librosa's centred framing).
 */
export interface Spectrogram {
  /** Values, row after row. */
  data: Float64Array;
  /** Number of rows (frequency bins or mel bands). */
  rows: number;
  /** Number of frames (columns). */
  frames: number;
  /** Sample rate in Hz of the signal it was computed from. */
  sampleRate: number;
  /** Hop between frames in samples. */
  hopLength: number;
  /** Frequency in Hz of each row: a bin's frequency, or a mel band's centre. */
  rowHz: Float64Array;
  /** What the values are. */
  scale: SpectrogramScale;
}
