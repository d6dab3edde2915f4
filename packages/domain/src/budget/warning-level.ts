/** Warning colours of the 双控 practice; grey means too little metered data to judge. */
export type WarningLevel = 'green' | 'yellow' | 'orange' | 'red' | 'grey';

/** Ratios (to budget, or to last year) at which yellow, orange and red begin; ascending. */
export interface WarningBands {
  readonly yellow: number;
  readonly orange: number;
  readonly red: number;
}

/** Throws RangeError unless the bands are finite, positive and ascending. */
export function checkBands(bands: WarningBands): WarningBands {
  const { yellow, orange, red } = bands;
  if (![yellow, orange, red].every((b) => Number.isFinite(b) && b > 0) || !(yellow <= orange && orange <= red)) {
    throw new RangeError(`warning bands must be positive and ascending (yellow <= orange <= red), got ${yellow}/${orange}/${red}`);
  }
  return bands;
}

/** The level a ratio falls in: below yellow green, [yellow, orange) yellow, [orange, red) orange, from red on red. */
export function levelForRatio(ratio: number, bands: WarningBands): Exclude<WarningLevel, 'grey'> {
  checkBands(bands);
  if (ratio >= bands.red) return 'red';
  if (ratio >= bands.orange) return 'orange';
  if (ratio >= bands.yellow) return 'yellow';
  return 'green';
}
