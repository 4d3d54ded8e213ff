// Every `npm run bench:*` writes its own section of docs/BENCHMARKS.md: numbers, machine, load, command.
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const DOC = fileURLToPath(new URL("../../docs/BENCHMARKS.md", import.meta.url));
const EMPTY =
  "# Herald — benchmarks\n\nMeasured numbers; each section is written by its benchmark (`npm run bench:*`).\n";

/** "2 × AMD EPYC …, 24 GiB, Node v24…" — the machine line every section carries. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model?.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** "0.93 / 1.33 / 1.11": the 1/5/15-minute load average, to judge how shared the machine was. */
export function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
}

export function utcMinute(): string {
  return `${new Date().toISOString().slice(0, 16)} UTC`;
}

/**
 * Replaces the section that starts with `heading` (up to the next "## " heading) with `text`, or appends it.
 * NO_WRITE=1 leaves the file alone (the text is printed by the caller either way).
 */
export function writeSection(heading: string, text: string): void {
  if (process.env.NO_WRITE) return;
  let doc: string;
  try {
    doc = readFileSync(DOC, "utf8");
  } catch {
    doc = EMPTY;
  }
  const body = `${text.trimEnd()}\n`;
  const start = doc.indexOf(`${heading}\n`);
  if (start === -1) doc = `${doc.trimEnd()}\n\n${body}`;
  else {
    const next = doc.indexOf("\n## ", start + heading.length);
    doc = `${doc.slice(0, start)}${body}${next === -1 ? "" : doc.slice(next)}`;
  }
  writeFileSync(DOC, doc);
  console.log(`written to docs/BENCHMARKS.md (${heading})`);
}
