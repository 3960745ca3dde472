/**
 * How the CLI writes: data a script may capture goes to stdout, talk for people to stderr. Text
 * that came from the server (titles, errors, previews) passes through `clean` first, so nothing
 * it contains can move the cursor or recolour the terminal, and non-TTY output is plain lines.
 */

// C0 and C1 control characters except tab and newline; includes ESC, so ANSI sequences lose their
// introducer and print as harmless text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function clean(text: string): string {
  return text.replace(CONTROL, "");
}

/** One line of server-provided text: control characters and line breaks removed. */
export function cleanLine(text: string): string {
  return clean(text).replace(/[\r\n\t]+/g, " ");
}

export function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

export function info(line = ""): void {
  process.stderr.write(`${line}\n`);
}

/** Columns padded to their widest cell; every cell is cleaned. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((cell) => cleanLine(String(cell))));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function usd(amount: number): string {
  return `$${amount.toFixed(amount !== 0 && amount < 0.01 ? 4 : 2)}`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function when(ms: number | null): string {
  return ms === null ? "-" : new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Everything on standard input, as text (a piped key, story or message). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
