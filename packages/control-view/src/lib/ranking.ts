import type { EnterpriseSummary, LiveLevel } from '@lingtan/schema';

/** Columns the enterprise ranking sorts by. */
export type RankingKey = 'name' | 'todayKwh' | 'todayTce' | 'todayTco2' | 'intensity' | 'greenShare' | 'budget' | 'greenCode' | 'alerts' | 'loadKw';

/** Sort direction. */
export type SortDir = 'asc' | 'desc';

// Worse first when sorting descending: red above orange above yellow above green; grey (no
// data) is not "better than green", so it sorts below everything with data.
const LEVEL_RANK: Record<LiveLevel, number> = { red: 4, orange: 3, yellow: 2, green: 1, grey: 0 };
const CODE_RANK: Record<EnterpriseSummary['greenCode']['colour'], number> = { red: 3, yellow: 2, green: 1, grey: 0 };

function keyOf(e: EnterpriseSummary, key: RankingKey): number | string | null {
  switch (key) {
    case 'name':
      return e.name;
    case 'todayKwh':
      return e.todayKwh;
    case 'todayTce':
      return e.todayTce;
    case 'todayTco2':
      return e.todayTco2;
    case 'intensity':
      return e.intensityTcePer10kCny;
    case 'greenShare':
      return e.greenSharePct;
    case 'budget':
      return LEVEL_RANK[e.budget.level] * 1000 + (e.budget.usedPct ?? 0);
    case 'greenCode':
      return CODE_RANK[e.greenCode.colour];
    case 'alerts':
      return e.activeAlerts;
    case 'loadKw':
      return e.loadKw;
  }
}

/**
 * The ranking in the order asked for. Missing figures (null) go last in either direction, so
 * "highest intensity first" never starts with enterprises that have no output figure; ties
 * keep the enterprise id order, so rows do not jump between live updates.
 */
export function sortEnterprises(rows: readonly EnterpriseSummary[], key: RankingKey, dir: SortDir, locale: string): EnterpriseSummary[] {
  const sign = dir === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(locale);
  return [...rows].sort((a, b) => {
    const ka = keyOf(a, key);
    const kb = keyOf(b, key);
    if (ka === null && kb !== null) return 1;
    if (kb === null && ka !== null) return -1;
    let c = 0;
    if (typeof ka === 'string' && typeof kb === 'string') c = collator.compare(ka, kb);
    else if (typeof ka === 'number' && typeof kb === 'number') c = ka - kb;
    return c !== 0 ? c * sign : a.enterprise.localeCompare(b.enterprise);
  });
}

/** What the ranking's filter bar holds. */
export interface RankingFilter {
  /** Matched against the name, the id and the industry, case-insensitively. */
  readonly text: string;
  readonly greenCode: EnterpriseSummary['greenCode']['colour'] | 'all';
  readonly withAlertsOnly: boolean;
}

/** Rows that pass the filter. */
export function filterEnterprises(rows: readonly EnterpriseSummary[], filter: RankingFilter): EnterpriseSummary[] {
  const needle = filter.text.trim().toLowerCase();
  return rows.filter(
    (e) =>
      (needle === '' || e.name.toLowerCase().includes(needle) || e.enterprise.toLowerCase().includes(needle) || (e.industry ?? '').toLowerCase().includes(needle)) &&
      (filter.greenCode === 'all' || e.greenCode.colour === filter.greenCode) &&
      (!filter.withAlertsOnly || e.activeAlerts > 0),
  );
}
