import { nonNegative } from '../checks.js';

/**
 * A battery's stored energy as one well-mixed pool that remembers how much of it is green.
 * Energy discharged carries the green fraction of the energy that charged it (pooled
 * average, not first-in-first-out): discharging x kWh takes x x greenKwh / energyKwh green.
 */
export interface StoragePool {
  /** Energy in the pool, kWh (after charging losses). */
  readonly energyKwh: number;
  /** Green part of `energyKwh`, kWh. */
  readonly greenKwh: number;
}

/** Settings of the pool. */
export interface StoragePoolSettings {
  /**
   * Round-trip efficiency 0-1, applied when charging: storing x kWh adds x x efficiency to
   * the pool, so losses do not build up as phantom energy. Default 1.
   */
  readonly roundTripEfficiency?: number;
  /**
   * Green fraction of energy discharged beyond what the pool holds (energy that was in
   * the battery before tracking began, or metering error). Default 0: unknown origin is
   * not green.
   */
  readonly unknownGreenFraction?: number;
}

/** An empty pool, or one holding `energyKwh` of which `greenFraction` is green. */
export function storagePool(energyKwh = 0, greenFraction = 0): StoragePool {
  if (!(energyKwh >= 0) || !Number.isFinite(energyKwh)) throw new RangeError(`energyKwh must be >= 0, got ${energyKwh}`);
  checkFraction(greenFraction, 'greenFraction');
  return { energyKwh, greenKwh: energyKwh * greenFraction };
}

function checkFraction(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be within 0-1, got ${value}`);
}

function checkEnergy(value: number, what: string): void {
  nonNegative(value, what);
}

/** The pool's green fraction (0 when empty). */
export function poolGreenFraction(pool: StoragePool): number {
  return pool.energyKwh > 0 ? pool.greenKwh / pool.energyKwh : 0;
}

/** Store `chargeKwh` of which `greenKwh` is green. */
export function chargePool(pool: StoragePool, chargeKwh: number, greenKwh: number, settings: StoragePoolSettings = {}): StoragePool {
  checkEnergy(chargeKwh, 'chargeKwh');
  checkEnergy(greenKwh, 'greenKwh');
  if (greenKwh > chargeKwh * (1 + 1e-12)) throw new RangeError(`greenKwh ${greenKwh} exceeds chargeKwh ${chargeKwh}`);
  const efficiency = settings.roundTripEfficiency ?? 1;
  if (!(efficiency > 0 && efficiency <= 1)) throw new RangeError(`roundTripEfficiency must be within (0, 1], got ${efficiency}`);
  return { energyKwh: pool.energyKwh + chargeKwh * efficiency, greenKwh: pool.greenKwh + Math.min(greenKwh, chargeKwh) * efficiency };
}

/** Take `dischargeKwh` out: the green part at the pool's fraction, any excess at the unknown fraction. */
export function dischargePool(pool: StoragePool, dischargeKwh: number, settings: StoragePoolSettings = {}): { readonly pool: StoragePool; readonly greenKwh: number } {
  checkEnergy(dischargeKwh, 'dischargeKwh');
  const unknown = settings.unknownGreenFraction ?? 0;
  checkFraction(unknown, 'unknownGreenFraction');
  const fromPool = Math.min(dischargeKwh, pool.energyKwh);
  const fromPoolGreen = fromPool * poolGreenFraction(pool);
  const rest = { energyKwh: pool.energyKwh - fromPool, greenKwh: Math.max(0, pool.greenKwh - fromPoolGreen) };
  return { pool: rest.energyKwh > 0 ? rest : { energyKwh: 0, greenKwh: 0 }, greenKwh: fromPoolGreen + (dischargeKwh - fromPool) * unknown };
}
