// A word diff for the conflict dialog (their text against mine). The revisions panel shows the
// server's diff; this one runs in the browser because a conflict compares unsaved text.

export interface DiffPart {
  op: "equal" | "insert" | "delete";
  text: string;
}

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Word-level LCS diff from `before` to `after`; adjacent parts with the same op are merged. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  // Trim the common head and tail so long, mostly equal documents stay cheap.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    if (text === "") return;
    const last = parts.at(-1);
    if (last !== undefined && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push("equal", a.slice(0, head).join(""));
  if (am.length * bm.length > 4_000_000) {
    // Too large for a table: show the middle as replaced.
    push("delete", am.join(""));
    push("insert", bm.join(""));
  } else {
    const rows = am.length + 1;
    const cols = bm.length + 1;
    const lcs = new Uint32Array(rows * cols);
    const at = (i: number, j: number) => lcs[i * cols + j] ?? 0;
    for (let i = am.length - 1; i >= 0; i--)
      for (let j = bm.length - 1; j >= 0; j--)
        lcs[i * cols + j] = am[i] === bm[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    let i = 0;
    let j = 0;
    while (i < am.length && j < bm.length) {
      if (am[i] === bm[j]) {
        push("equal", am[i] ?? "");
        i++;
        j++;
      } else if (at(i + 1, j) >= at(i, j + 1)) push("delete", am[i++] ?? "");
      else push("insert", bm[j++] ?? "");
    }
    while (i < am.length) push("delete", am[i++] ?? "");
    while (j < bm.length) push("insert", bm[j++] ?? "");
  }
  push("equal", a.slice(a.length - tail).join(""));
  return parts;
}
