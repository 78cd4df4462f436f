/** k, k+1, k-1, k+2, k-2 ... within [0, count): the images next to the one on screen load first. */
export function outwardOrder(count: number, start: number): number[] {
  const out: number[] = [];
  if (count <= 0) return out;
  const s = Math.max(0, Math.min(count - 1, Math.round(start)));
  for (let d = 0; out.length < count; d++) {
    if (s + d < count) out.push(s + d);
    if (d > 0 && s - d >= 0) out.push(s - d);
  }
  return out;
}
