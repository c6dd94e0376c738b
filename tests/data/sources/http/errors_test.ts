import assert from "node:assert/strict";
import {
  DownloadError,
  HttpError,
  HttpStatusError,
  NetworkError,
  RateLimitPause,
  RequestTimeoutError,
  ResponseShapeError,
} from "../../../../lib/data/sources/http/errors.ts";

Deno.test("every HTTP error is named after its class and keeps its cause", () => {
  const cause = new Error("reset");
  const errors: [Error, string][] = [
    [new HttpError("x", { cause }), "HttpError"],
    [new NetworkError("x", { cause }), "NetworkError"],
    [new HttpStatusError(404, "GET /a", ""), "HttpStatusError"],
    [new RequestTimeoutError("GET /a", 50), "RequestTimeoutError"],
    [new RateLimitPause({ waitSeconds: 10, maxSeconds: 5 }), "RateLimitPause"],
    [new ResponseShapeError("GET /a", "data.0", "a number", "null"), "ResponseShapeError"],
    [new DownloadError("x", 410, { cause }), "DownloadError"],
  ];
  for (const [error, name] of errors) {
    assert.equal(error.name, name);
    assert.ok(error instanceof HttpError);
  }
  assert.equal(errors[1][0].cause, cause);
  assert.ok(errors[3][0] instanceof NetworkError);
  assert.equal(String(errors[2][0]), "HttpStatusError: GET /a answered HTTP 404");
});
