import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { nextTurn } from "@/lib/event-loop";
import { fromParseFailure, runParseJob, type ParsedBatch, type ParseFailure, type ParseJob, type ParseSummary } from "@/lib/imports/parse-job";

const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/imports/parse-worker.mjs");

type Reply = { id: number; batch?: ParsedBatch; summary?: ParseSummary; failure?: ParseFailure };

// One started worker is kept while idle (unref'd, so it never holds the process open): starting
// one costs ~0.5 s (tsx loading the parsers). A second import while one runs gets a worker of its own.
let idle: Worker | undefined;
let lastId = 0;

/**
 * The worker's young generation (V8's default is ~48 MB): parsing allocates ~20 KB per record that
 * dies within a batch, and with the default a fifth of the parse went to scavenges. 192 MB took a
 * 100,000-record MEDLINE import from 9.3–12.6 s to 8.2–8.9 s, for ~130 MB more peak RSS (760 MB).
 */
const YOUNG_GENERATION_MB = 192;

function takeWorker(): Worker {
  const worker = idle ?? startWorker();
  idle = undefined;
  worker.ref();
  return worker;
}

function startWorker(): Worker {
  const worker = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  worker.on("exit", () => {
    if (idle === worker) idle = undefined;
  });
  worker.on("error", () => {}); // reported to the job in progress, if any, by its own listener
  return worker;
}

function release(worker: Worker): void {
  worker.unref();
  if (idle) void worker.terminate();
  else idle = worker;
}

/**
 * Parses an export in the import worker and hands each batch to `onBatch`, which the worker
 * overlaps with parsing the next ones (it stays a few batches ahead, no more). Resolves with the
 * summary once every batch has been handled; rejects with ParseError (line or byte offset kept)
 * for a broken file, or with whatever `onBatch` threw, after stopping the worker. Run it inside one
 * transaction when storing: a file can still fail after its first batches, and an import is all
 * or nothing. Takes `bytes`: a buffer of their own is moved to the worker, not copied, and is
 * empty here afterwards. Parses in this thread, yielding between batches, when the worker file
 * is not deployed.
 */
export async function parseOffThread(bytes: Uint8Array, job: ParseJob, onBatch: (batch: ParsedBatch) => void | Promise<void>): Promise<ParseSummary> {
  if (!existsSync(WORKER_FILE)) return parseInThisThread(bytes, job, onBatch);
  const id = ++lastId;
  const flow = new Int32Array(new SharedArrayBuffer(8));
  const worker = takeWorker();
  const replies: Reply[] = [];
  let wake: (() => void) | undefined;
  let crash: Error | undefined;
  const onMessage = (reply: Reply) => {
    if (reply.id !== id) return;
    replies.push(reply);
    wake?.();
  };
  const onEnd = (error: unknown) => {
    crash = error instanceof Error ? error : new Error(`the import worker stopped (exit code ${String(error)})`);
    wake?.();
  };
  worker.on("message", onMessage);
  worker.on("error", onEnd);
  worker.on("exit", onEnd);
  const next = async (): Promise<Reply> => {
    while (replies.length === 0) {
      if (crash) throw crash;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    return replies.shift()!;
  };
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(bytes.buffer instanceof SharedArrayBuffer);
  let finished = false;
  try {
    worker.postMessage({ id, bytes, job, flow: flow.buffer }, owned ? [bytes.buffer as ArrayBuffer] : []);
    for (;;) {
      const reply = await next();
      // Either way the worker is done with this job and can take the next.
      finished = !reply.batch;
      if (reply.failure) throw fromParseFailure(reply.failure);
      if (reply.summary) return reply.summary;
      await onBatch(reply.batch!);
      Atomics.add(flow, 0, 1);
      Atomics.notify(flow, 0);
      // Storing a batch is synchronous; let other requests run between batches.
      await nextTurn();
    }
  } finally {
    worker.off("message", onMessage);
    worker.off("error", onEnd);
    worker.off("exit", onEnd);
    if (finished) release(worker);
    else {
      Atomics.store(flow, 1, 1);
      Atomics.notify(flow, 0);
      void worker.terminate();
    }
  }
}

/** parseOffThread's work in this thread: the same job, yielding to other requests between batches. */
export async function parseInThisThread(bytes: Uint8Array, job: ParseJob, onBatch: (batch: ParsedBatch) => void | Promise<void>): Promise<ParseSummary> {
  const batches = runParseJob(bytes, job);
  for (;;) {
    const step = batches.next();
    if (step.done) return step.value;
    await onBatch(step.value);
    await nextTurn();
  }
}
