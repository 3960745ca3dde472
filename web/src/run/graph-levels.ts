/**
 * The run's graph aggregated by level, so a 126,000-node book is a short list at every level:
 * node ids are paths (`ch03/s02/p05/article`), and the groups at a level are the next path
 * segment below the chosen prefix, each with its count per status. A node whose id ends at that
 * segment is a step of its own (a leaf).
 */
export type GroupRow = {
  /** The path segment (a chapter, section, unit or step name). */
  key: string;
  /** The full prefix of this group, to drill down into. */
  path: string;
  leaf: boolean;
  total: number;
  counts: Record<string, number>;
  /** For a leaf: its own status. */
  status?: string;
};

export function aggregateLevel(statuses: ReadonlyMap<string, string>, prefix: string): GroupRow[] {
  const start = prefix ? `${prefix}/` : "";
  const groups = new Map<string, GroupRow>();
  for (const [id, status] of statuses) {
    if (start && !id.startsWith(start)) continue;
    const slash = id.indexOf("/", start.length);
    const leaf = slash === -1;
    const key = leaf ? id.slice(start.length) : id.slice(start.length, slash);
    // A step and a group may share a name (`book/index` beside `book/…`): keep them apart.
    const mapKey = leaf ? `${key}\0leaf` : key;
    let row = groups.get(mapKey);
    if (!row) {
      row = { key, path: start + key, leaf, total: 0, counts: {} };
      groups.set(mapKey, row);
    }
    row.total += 1;
    row.counts[status] = (row.counts[status] ?? 0) + 1;
    if (leaf) row.status = status;
  }
  return [...groups.values()].sort((a, b) => naturalCompare(a.key, b.key) || Number(a.leaf) - Number(b.leaf));
}

const collator = new Intl.Collator("en", { numeric: true });
function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The statuses to show for a group, most telling first. */
export const STATUS_ORDER = [
  "failed",
  "leased",
  "retry_wait",
  "waiting",
  "ready",
  "pending",
  "done",
  "skipped",
  "cancelled",
  "stale",
];

export function summarizeCounts(counts: Record<string, number>): [string, number][] {
  return STATUS_ORDER.filter((s) => counts[s]).map((s) => [s, counts[s]!] as [string, number]);
}
