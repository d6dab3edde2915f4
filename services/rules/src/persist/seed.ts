import type { Logger } from '@lingtan/runtime';
import type { AggregatePoint, AggregateQuery } from '@lingtan/store';
import type { RuleEngine } from '../engine.js';

/**
 * Seed the engine's period totals (budgets, green share, zero-carbon) from the store's daily
 * aggregates (`sum_{quantity}_delta` per meter, for each quantity the rule counts), from the
 * start of each rule's current period up to `nowMs`, so a restart does not forget the use
 * counted so far. A failure is logged and the rule counts from the readings seen from now.
 * Returns how many rules were seeded.
 */
export async function seedPeriodTotals(
  engine: RuleEngine,
  query: (q: Pick<AggregateQuery, 'fromMs' | 'toMs'>) => Promise<AggregatePoint[]>,
  nowMs: number,
  logger: Logger,
): Promise<number> {
  let seeded = 0;
  for (const { ruleId, meters, seed } of engine.seedable()) {
    try {
      const points = await query({ fromMs: seed.from(nowMs), toMs: nowMs });
      const sums = new Map<string, Map<string, number>>();
      for (const p of points) {
        if (!meters.has(p.meter)) continue;
        for (const quantity of seed.quantitiesOf(p.meter)) {
          const v = p.values[`sum_${quantity}_delta`];
          if (v === undefined) continue;
          const byQuantity = sums.get(p.meter) ?? new Map<string, number>();
          byQuantity.set(quantity, (byQuantity.get(quantity) ?? 0) + v);
          sums.set(p.meter, byQuantity);
        }
      }
      seed.apply(sums, nowMs);
      seeded += 1;
      logger.info({ rule: ruleId, meters: sums.size }, 'period totals seeded from the store');
    } catch (error) {
      logger.warn({ rule: ruleId, err: error instanceof Error ? error.message : String(error) }, 'period totals not seeded; counting from now');
    }
  }
  return seeded;
}
