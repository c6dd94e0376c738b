/**
 * Spotify's client-credentials flow: the app's SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET, read
 * from the environment or from a git-ignored `.env` file at the project root, are exchanged for
 * a one-hour access token, fetched again shortly before it expires or after any 401 (the status
 * decides, not the message). The secret, the Basic credentials and every token are registered
 * with the client's redactor, so no log line, error message or stored file shows them; tokens
 * live in memory only.
 *
 * @example
 * ```ts
 * import { HttpClient } from "../http/client.ts";
 * import { ClientCredentialsAuth, readSpotifyCredentials } from "./auth.ts";
 * const credentials = await readSpotifyCredentials();
 * if (credentials) {
 *   const client = new HttpClient();
 *   const auth = new ClientCredentialsAuth(credentials, { client });
 *   console.log((await auth.header()).startsWith("Bearer ")); // true
 * }
 * ```
 * @module
 */
import { projectRoot } from "../../../config.ts";
import type { Authorizer, HttpClient } from "../http/client.ts";
import { HttpError, HttpStatusError } from "../http/errors.ts";
import { SpotifyToken } from "./schemas.ts";

/** Spotify's token endpoint. */
export const SPOTIFY_TOKEN_URL = "https://accounts.spotify.com/api/token";

/** The environment variables holding the app's credentials. */
const SPOTIFY_CREDENTIAL_VARIABLES = ["SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET"] as const;

/** An app's credentials and where they were read. */
export interface SpotifyCredentials {
  /** The app's client id (`SPOTIFY_CLIENT_ID`). */
  clientId: string;
  /** The app's client secret (`SPOTIFY_CLIENT_SECRET`); never logged or shown. */
  clientSecret: string;
  /** `environment` or the .env file's path. */
  source: string;
}

/** How to provide the credentials, for messages and the notebook. */
export const SPOTIFY_CREDENTIALS_HOWTO: string =
  "create an app at https://developer.spotify.com/dashboard, then set SPOTIFY_CLIENT_ID and " +
  "SPOTIFY_CLIENT_SECRET in the environment or in a .env file at the project root (git-ignored), " +
  "one `NAME=value` per line";

/** Raised when Spotify is asked for but no credentials are set. */
export class MissingCredentialsError extends HttpError {
  /** Says what was `found` instead of credentials and how to provide them. */
  constructor(found: string) {
    super(`expected Spotify credentials; found ${found}: ${SPOTIFY_CREDENTIALS_HOWTO}`);
    this.name = "MissingCredentialsError";
  }
}

/** Raised when Spotify refuses the credentials; never shows them. */
export class SpotifyAuthError extends HttpError {
  /** HTTP status of the token answer. */
  readonly status: number;
  /** Names the HTTP `status` of the token answer and its `detail`, never the credentials. */
  constructor(status: number, detail: string) {
    super(
      `Spotify refused the client credentials (HTTP ${status}${detail ? `: ${detail}` : ""}); ` +
        `check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET`,
    );
    this.name = "SpotifyAuthError";
    this.status = status;
  }
}

/** `NAME=value` lines of a .env text (`#` comments, optional `export `, optional quotes). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, "");
    out[match[1]] = value;
  }
  return out;
}

/** Options of {@link readSpotifyCredentials}. */
export interface ReadCredentialsOptions {
  /** Variables to read; default the process environment. */
  env?: Record<string, string | undefined>;
  /** A .env file read when the environment lacks them; default `<project root>/.env`; null: none. */
  envFile?: string | null;
}

/**
 * The app's credentials from the environment, else from the .env file; null when neither has
 * both. Only the two SPOTIFY_CLIENT_* names are read from the file; nothing is exported.
 */
export async function readSpotifyCredentials(
  options: ReadCredentialsOptions = {},
): Promise<SpotifyCredentials | null> {
  let env = options.env;
  if (!env) {
    env = {};
    for (const name of SPOTIFY_CREDENTIAL_VARIABLES) {
      try {
        env[name] = Deno.env.get(name);
      } catch { /* no env permission */ }
    }
  }
  const [idName, secretName] = SPOTIFY_CREDENTIAL_VARIABLES;
  if (env[idName] && env[secretName]) {
    return { clientId: env[idName]!, clientSecret: env[secretName]!, source: "environment" };
  }
  let file = options.envFile;
  if (file === undefined) {
    try {
      file = `${projectRoot()}/.env`;
    } catch {
      file = null;
    }
  }
  if (!file) return null;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    return null;
  }
  const values = parseDotEnv(text);
  if (values[idName] && values[secretName]) {
    return { clientId: values[idName], clientSecret: values[secretName], source: file };
  }
  return null;
}

/** Options of {@link ClientCredentialsAuth}. */
export interface ClientCredentialsOptions {
  /** The client that posts token requests; its redactor learns the secrets. */
  client: HttpClient;
  /** Token endpoint; default {@link SPOTIFY_TOKEN_URL}. */
  tokenUrl?: string;
  /** A token is renewed this many seconds before it expires; default 60. */
  marginSeconds?: number;
  /** Clock in ms since the epoch; default Date.now. */
  now?: () => number;
}

/** The client-credentials {@link Authorizer}; see the module documentation. */
export class ClientCredentialsAuth implements Authorizer {
  /** Tokens obtained so far. */
  tokensIssued = 0;
  readonly #basic: string;
  readonly #client: HttpClient;
  readonly #tokenUrl: string;
  readonly #margin: number;
  readonly #now: () => number;
  #token: string | null = null;
  #expiresAt = 0;

  /** A token source for one app's `credentials`, asking `options.client` at the token URL. */
  constructor(credentials: SpotifyCredentials, options: ClientCredentialsOptions) {
    this.#client = options.client;
    this.#tokenUrl = options.tokenUrl ?? SPOTIFY_TOKEN_URL;
    this.#margin = (options.marginSeconds ?? 60) * 1000;
    this.#now = options.now ?? Date.now;
    this.#basic = btoa(`${credentials.clientId}:${credentials.clientSecret}`);
    const redactor = options.client.redactor;
    redactor.add(credentials.clientSecret);
    redactor.add(credentials.clientId);
    redactor.add(this.#basic);
  }

  async header(): Promise<string> {
    if (this.#token === null || this.#now() >= this.#expiresAt - this.#margin) {
      let answer: SpotifyToken;
      try {
        answer = await this.#client.postForm(
          this.#tokenUrl,
          { grant_type: "client_credentials" },
          SpotifyToken,
          { headers: { authorization: `Basic ${this.#basic}` }, what: "Spotify token request" },
        );
      } catch (error) {
        if (error instanceof HttpStatusError && error.status >= 400 && error.status < 500) {
          throw new SpotifyAuthError(error.status, error.detail);
        }
        throw error;
      }
      this.#client.redactor.add(answer.access_token);
      this.#token = answer.access_token;
      this.#expiresAt = this.#now() + answer.expires_in * 1000;
      this.tokensIssued++;
    }
    return `Bearer ${this.#token}`;
  }

  invalidate(): void {
    this.#token = null;
  }
}
