import assert from "node:assert/strict";
import { checkReachable } from "../../../../lib/data/sources/http/reachable.ts";
import { json, serveLoopback } from "./loopback.ts";

Deno.test("checkReachable: any answer is reachable; a closed port is not, quickly", async () => {
  const server = serveLoopback(() => json({}, 404));
  assert.equal(await checkReachable(server.url), null);
  await server.close();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  assert.match(
    (await checkReachable(`http://127.0.0.1:${port}`, { timeoutMs: 1000 })) ?? "",
    /unreachable/,
  );
});
