// Generates (or reuses from the cache) the synthetic study and prints its folder on the last line.
import { ensurePhantom } from '../test-data/phantom/cache';

const args = process.argv.slice(2);
const value = (flag: string, fallback: string) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const size = value('--size', '128x128x40').split('x').map(Number) as [number, number, number];
const seed = Number(value('--seed', '42'));
const { dir } = await ensurePhantom({ seed, size, variants: true });
console.log(dir);
