import assert from "node:assert/strict";
import { redactUrl, SecretRedactor } from "../../../../lib/data/sources/http/redact.ts";

Deno.test("secret-looking query parameters are masked, others kept", () => {
  assert.equal(
    redactUrl(
      "https://cdn.example/a.mp3?hdnea=exp=1~acl=/*~hmac=ab12&x=1&access_token=t&api_key=k",
    ),
    "https://cdn.example/a.mp3?hdnea=***&x=1&access_token=***&api_key=***",
  );
  assert.equal(
    redactUrl("https://api.example/search?q=Daft+Punk&limit=10"),
    "https://api.example/search?q=Daft+Punk&limit=10",
  );
  assert.equal(redactUrl("https://api.example/a"), "https://api.example/a");
});

Deno.test("registered secrets are masked everywhere in a text, longest first; short ones ignored", () => {
  const r = new SecretRedactor();
  r.add("abcd1234");
  r.add("abcd1234-extended");
  r.add("ab");
  r.add(null);
  assert.equal(
    r.redact("a=abcd1234-extended b=abcd1234 see https://x.example/?token=zzz ab"),
    "a=*** b=*** see https://x.example/?token=*** ab",
  );
});
