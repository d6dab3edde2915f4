import { readFile } from 'node:fs/promises';
import { validateTouTariff } from '@lingtan/domain';
import type { TouTariff } from '@lingtan/domain';
import { tariffFileSchema } from '@lingtan/schema';
import type { TariffFile } from '@lingtan/schema';
import { parse as parseYaml } from 'yaml';

/** A parsed tariff file as the domain's tariff in the park's zone; throws listing every gap, overlap or missing price. */
export function touTariffOf(file: TariffFile, timeZone: string): TouTariff {
  return validateTouTariff({
    version: file.version,
    timeZone,
    seasons: file.seasons.map((s) => ({
      name: s.name,
      months: s.months,
      windows: s.windows.map((w) => ({ fromMinute: w.from, toMinute: w.to, band: w.band })),
      pricesCnyPerKwh: s.prices_cny_per_kwh,
    })),
  });
}

/** Read and check the tariff file (`LINGTAN_GATEWAY_TARIFF`). */
export async function loadTariffFile(path: string, timeZone: string): Promise<TouTariff> {
  const parsed = tariffFileSchema.safeParse(parseYaml(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`tariff file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return touTariffOf(parsed.data, timeZone);
}
