/**
 * Keeping secrets out of messages, logs and caches: query parameters whose names look like
 * credentials or signatures are masked in URLs, and registered secret strings (client secret,
 * access tokens, Basic credentials) are masked wherever they appear in a text.
 *
 * @example
 * ```ts
 * import { redactUrl, SecretRedactor } from "./redact.ts";
 * console.log(redactUrl("https://cdn.example/a.mp3?hdnea=exp=1~hmac=ab&x=1"));
 * // https://cdn.example/a.mp3?hdnea=***&x=1
 * const redactor = new SecretRedactor();
 * redactor.add("s3cr3t-value");
 * console.log(redactor.redact("token s3cr3t-value")); // token ***
 * ```
 * @module
 */

/** Query parameter names whose values are masked by {@link redactUrl}. */
const SECRET_QUERY_PARAMETER = /token|secret|key|sig|hmac|hdnea|auth|password|code/i;

/** The URL with the values of secret-looking query parameters replaced by `***`. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const query = url.slice(q + 1).split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return eq >= 0 && SECRET_QUERY_PARAMETER.test(decodeURIComponentSafe(name))
      ? `${name}=***`
      : pair;
  });
  return `${url.slice(0, q)}?${query.join("&")}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Masks registered secret strings (at least 4 characters long) in any text. */
export class SecretRedactor {
  #secrets = new Set<string>();

  /** Registers a secret; shorter than 4 characters is ignored (it would mask ordinary text). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 4) this.#secrets.add(secret);
  }

  /** The text with every registered secret replaced by `***`, and URLs' secret parameters masked. */
  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const s of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(s).join("***");
    }
    return out.replace(/https?:\/\/[^\s"'<>]+/g, (u) => redactUrl(u));
  }
}
