/**
 * The extraction worker: runs one {@link ExtractJob} per message and posts the reply back,
 * transferring a network input's buffer. It handles one job at a time, so it never holds more
 * than one clip's audio.
 * @module
 */
/// <reference lib="deno.worker" />
import { type ExtractJob, runJob } from "./jobs.ts";

self.onmessage = async (event: MessageEvent<{ id: number; job: ExtractJob }>) => {
  const { id, job } = event.data;
  const reply = await runJob(job);
  const transfer = reply.ok && reply.kind === "input" ? [reply.value.buffer as ArrayBuffer] : [];
  self.postMessage({ id, reply }, { transfer });
};
