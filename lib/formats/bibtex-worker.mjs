// Runs @retorquere/bibtex-parser off the request thread. Its LaTeX grammar takes seconds for a
// thousand entries, during which a server on the main thread would answer no one else. Plain
// JavaScript, not TypeScript, so that the same file runs under Next, tsx and vitest unbundled.
import { parentPort } from "node:worker_threads";
import { parse } from "@retorquere/bibtex-parser";

parentPort.on("message", ({ text, options }) => {
  try {
    const library = parse(text, options);
    parentPort.postMessage({ entries: library.entries, errors: library.errors });
  } catch (error) {
    parentPort.postMessage({ failure: error instanceof Error ? error.message : String(error) });
  }
});
