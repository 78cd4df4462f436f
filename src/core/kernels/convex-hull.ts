/**
 * Convex hull of a 2D point set (Andrew's monotone chain over points in order of y then x), collinear points
 * dropped. Used by the diameter search: under any positive-definite metric the point of a set
 * farthest from a given point is a hull vertex, so hull vertices bound chord lengths cheaply.
 */
export function convexHull(x: Float64Array, y: Float64Array): Uint32Array {
  const n = x.length;
  const before = (a: number, b: number): number => y[a]! - y[b]! || x[a]! - x[b]!;
  const order = Array.from({ length: n }, (_, i) => i);
  // Points often come in scan order (y, then x) already: then no sort is needed.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = before(i - 1, i) <= 0;
  if (!sorted) order.sort(before);
  if (n < 3) return Uint32Array.from(order);
  const cross = (o: number, a: number, b: number): number => (x[a]! - x[o]!) * (y[b]! - y[o]!) - (y[a]! - y[o]!) * (x[b]! - x[o]!);
  const hull: number[] = [];
  for (const pass of [order, [...order].reverse()]) {
    const start = hull.length;
    for (const p of pass) {
      while (hull.length >= start + 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) <= 0) hull.pop();
      hull.push(p);
    }
    hull.pop(); // the last point of each chain starts the other
  }
  return Uint32Array.from(hull);
}
