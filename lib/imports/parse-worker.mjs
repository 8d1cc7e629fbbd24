// The import worker: parses export files off the request thread (runParseJob, parse-job.ts) and
// posts each batch's row values, so that the thread holding the write transaction only binds and
// stores them while the next batch is parsed. Plain JavaScript loading the TypeScript through tsx
// (a dependency, as for the CLI), so the same file runs under Next, tsx and vitest unbundled.
// One job at a time; `flow` is shared with the requesting thread: [0] counts the batches it has
// stored, [1] is set when it gives up. The worker stays at most WINDOW batches ahead of it, so
// memory stays bounded however fast parsing runs.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const WINDOW = 3;
const jobModule = tsImport("./parse-job.ts", import.meta.url);

parentPort.on("message", async ({ id, bytes, job, flow }) => {
  const { runParseJob, toParseFailure } = await jobModule;
  const counters = new Int32Array(flow);
  try {
    const batches = runParseJob(bytes, job);
    let sent = 0;
    for (;;) {
      const step = batches.next();
      if (step.done) {
        parentPort.postMessage({ id, summary: step.value });
        return;
      }
      parentPort.postMessage({ id, batch: step.value });
      sent++;
      for (let stored = Atomics.load(counters, 0); sent - stored >= WINDOW && !Atomics.load(counters, 1); stored = Atomics.load(counters, 0)) {
        Atomics.wait(counters, 0, stored);
      }
      if (Atomics.load(counters, 1)) return; // the requester gave up; it ignores anything further
    }
  } catch (error) {
    parentPort.postMessage({ id, failure: toParseFailure(error) });
  }
});
