/**
 * Profiles Vägvisaren's engine alone on the bench's synthetic catalogue: builds it as the bench does and runs the
 * class queries in rounds, printing p50/p99 per class. Run it under `node --cpu-prof` to see where a query goes:
 *   npx tsx tests/bench/engine-profile.ts [size] [rounds] [class,...]
 */
import { median, now, quantile, round } from './measure.ts';
import { ProductionEngine } from './production-engine.ts';
import { CLASS_QUERIES } from './queries.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

const [size = '10000', rounds = '200', classes] = process.argv.slice(2);
const queries = CLASS_QUERIES.filter((q) => !classes || classes.split(',').includes(q.queryClass));
const engine = new ProductionEngine();
const docs = syntheticCatalogue(Number(size));
const started = now();
const cpu = process.cpuUsage();
await engine.build(docs);
const used = process.cpuUsage(cpu);
console.log(`built ${size} in ${(now() - started).toFixed(0)} ms (${((used.user + used.system) / 1000).toFixed(0)} ms of CPU)`);
const samples = new Map<string, number[]>();
for (let r = 0; r < Number(rounds); r++) {
  for (const query of queries) {
    const t0 = now();
    await engine.search(query, 20);
    const ms = now() - t0;
    if (r > 0) samples.set(query.queryClass, [...(samples.get(query.queryClass) ?? []), ms]);
  }
}
for (const [queryClass, values] of samples) console.log(`${queryClass.padEnd(20)} p50 ${round(median(values))} p99 ${round(quantile(values, 0.99))} ms`);
