/**
 * Positions for shortest paths: every node of a shortest path from A to B
 * sits at a fixed distance from A, so the paths are drawn in columns (hop
 * 0 … n, left to right), the nodes of one column spread vertically. No
 * force layout: the same paths are always drawn the same way.
 */
export function layeredPathPositions(paths: ReadonlyArray<readonly string[]>, spacing = { x: 3, y: 1.6 }): Map<string, { x: number; y: number }> {
  const columns: string[][] = [];
  const column = new Map<string, number>();
  for (const nodes of paths) {
    nodes.forEach((id, i) => {
      if (column.has(id)) return;
      column.set(id, i);
      (columns[i] ??= []).push(id);
    });
  }
  const out = new Map<string, { x: number; y: number }>();
  columns.forEach((ids, i) => {
    ids.forEach((id, j) => out.set(id, { x: i * spacing.x, y: (j - (ids.length - 1) / 2) * spacing.y }));
  });
  return out;
}
