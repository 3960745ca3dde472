/** A unified diff between two versions of a generated file set, for the person reviewing it. */

export type TextFile = { path: string; content: string };

/** Every changed, added or removed file as one unified diff ("" when nothing changed). */
export async function diffFiles(before: TextFile[], after: TextFile[]): Promise<string> {
  // Loaded when first needed: statically, every module importing a pipeline pays for it.
  const { createTwoFilesPatch } = await import("diff");
  const old = new Map(before.map((f) => [f.path, f.content]));
  const now = new Map(after.map((f) => [f.path, f.content]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  const parts: string[] = [];
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    if (a === b) continue;
    parts.push(
      createTwoFilesPatch(
        a === undefined ? "/dev/null" : `a/${path}`,
        b === undefined ? "/dev/null" : `b/${path}`,
        a ?? "",
        b ?? "",
        "",
        "",
        { context: 3 },
      ),
    );
  }
  return parts.join("");
}
