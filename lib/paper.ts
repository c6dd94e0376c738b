/**
 * The seed paper's settings, in one place: the training protocol (batch 32, Adam with learning
 * rate 1e-3, at most 25 epochs, early stopping by the paper's eq. (1) with patience 7 and δ = 0),
 * the artist-grouped 80/20 split, and the spectrogram conventions the paper's pipeline takes from
 * librosa (44.1 kHz audio, n_fft 2048, hop 512, 128 Slaney mel bands over 0 Hz … Nyquist, power 2,
 * top_db 80) with the network input of seed 004 (a 10 s crop pooled to 128 frames).
 *
 * Every default elsewhere reads these values: the configuration's defaults (./config.ts), the
 * training loops (model/training/, model/forecast/train.ts), the early-stopping rule
 * (model/early_stopping/rule.ts) and the spectrogram defaults (audio/spectrogram/defaults.ts). A
 * test (tests/paper_test.ts) fails when one of them is written out again as a literal.
 * This module imports nothing from the library, so every layer may import it.
 *
 * @example
 * ```ts
 * import { PAPER_SETTINGS } from "./paper.ts";
 * const { batchSize, learningRate, patience } = PAPER_SETTINGS.training;
 * console.log(batchSize, learningRate, patience); // 32 0.001 7
 * ```
 * @module
 */

/** The seed paper's training protocol. */
export interface PaperTraining {
  /** Examples per mini-batch. */
  readonly batchSize: number;
  /** The optimizer: Adam (β₁ 0.9, β₂ 0.999, ε 1e-7 as in Keras). */
  readonly optimizer: "adam";
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** Most epochs; early stopping usually ends sooner. */
  readonly epochs: number;
  /** Early stopping (eq. 1): epochs without improvement of the validation loss before stopping. */
  readonly patience: number;
  /** Early stopping (eq. 1): decrease of the validation loss that counts as improvement (δ). */
  readonly minDelta: number;
  /** Whether the best epoch's weights are put back when training ends. */
  readonly restoreBestWeights: boolean;
}

/** The seed paper's split of the songs. */
export interface PaperSplit {
  /** Fraction of artists held out for testing (the paper's 80/20 split by artist). */
  readonly testFraction: number;
  /** Fraction of the training artists carved out for validation (early stopping's monitor). */
  readonly validationFraction: number;
}

/** The spectrogram and network-input conventions of the paper's pipeline (librosa's defaults). */
export interface PaperAudio {
  /** Sample rate in Hz every clip is resampled to. */
  readonly sampleRate: number;
  /** FFT size and frame length in samples (librosa's n_fft). */
  readonly nFft: number;
  /** Hop between frame starts in samples (librosa's hop_length). */
  readonly hopLength: number;
  /** Mel bands (librosa's n_mels). */
  readonly nMels: number;
  /** Lowest mel band edge in Hz. */
  readonly fmin: number;
  /** Highest mel band edge in Hz; 0 means sampleRate / 2 (librosa's fmax=None). */
  readonly fmax: number;
  /** Exponent of the STFT magnitude: 2 power, 1 amplitude. */
  readonly power: number;
  /** Dynamic range in dB kept by power_to_db. */
  readonly topDb: number;
  /** Length in seconds of the crop fed to the network (seed 004: 10 s). */
  readonly cropSeconds: number;
  /** Width in frames of the network input after time pooling. */
  readonly frames: number;
}

/** Every setting of the seed paper that the workspace uses as a default. */
export interface PaperSettings {
  /** How the settings are cited in this workspace's documents. */
  readonly citation: string;
  /** The training protocol. */
  readonly training: PaperTraining;
  /** The split. */
  readonly split: PaperSplit;
  /** Spectrogram and network input. */
  readonly audio: PaperAudio;
}

/** The seed paper's settings (see the module's description); frozen all the way down. */
export const PAPER_SETTINGS: PaperSettings = Object.freeze({
  citation: "the seed paper (training protocol, early stopping eq. (1), artist-grouped 80/20 " +
    "split; spectrograms with librosa's defaults; network input of seed 004)",
  training: Object.freeze({
    batchSize: 32,
    optimizer: "adam" as const,
    learningRate: 1e-3,
    epochs: 25,
    patience: 7,
    minDelta: 0,
    restoreBestWeights: true,
  }),
  split: Object.freeze({
    testFraction: 0.2,
    validationFraction: 0.2,
  }),
  audio: Object.freeze({
    sampleRate: 44_100,
    nFft: 2048,
    hopLength: 512,
    nMels: 128,
    fmin: 0,
    fmax: 0,
    power: 2,
    topDb: 80,
    cropSeconds: 10,
    frames: 128,
  }),
});

/**
 * The workspace's seed when none is given (the paper names none): the configuration's `seed`
 * default and the training loops' fallback.
 */
export const DEFAULT_SEED = 42;

/** Defaults of the stream-count forecasting study (seed 003's LSTM/GRU, notebook 06). */
export interface ForecastSettings {
  /** Most epochs per model: a generous cap, since early stopping by the paper's rule ends sooner. */
  readonly epochs: number;
  /** Share of the days, at the end, held out for testing (a chronological 80/20 split). */
  readonly testFraction: number;
  /** Share of the remaining days, at their end, used for validation (early stopping). */
  readonly validationFraction: number;
}

/**
 * The forecasting study's defaults; batch size, learning rate and early stopping are the seed
 * paper's ({@link PAPER_SETTINGS}).
 */
export const FORECAST_SETTINGS: ForecastSettings = Object.freeze({
  epochs: 100,
  testFraction: 0.2,
  validationFraction: 0.2,
});
