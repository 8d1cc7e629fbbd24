// Runs parseBibtex (lib/formats/bibtex.ts) off the request thread, so that a file full of LaTeX
// (seconds in the library's grammar) or a very large one never makes other users wait. Plain
// JavaScript loading the TypeScript through tsx (a dependency, as for the CLI), so that the same
// file runs under Next, tsx and vitest unbundled. One worker serves requests one after another.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const bibtex = tsImport("./bibtex.ts", import.meta.url);

parentPort.on("message", async ({ id, text }) => {
  try {
    const { parseBibtex } = await bibtex;
    parentPort.postMessage({ id, result: parseBibtex(text) });
  } catch (error) {
    const parseError = error instanceof Error && error.name === "ParseError";
    parentPort.postMessage({
      id,
      failure: { message: error instanceof Error ? error.message : String(error), parseError, line: error?.line, offset: error?.offset },
    });
  }
});
