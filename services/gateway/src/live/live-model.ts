import { factorChoiceOf, periodOf } from '@lingtan/domain';
import type { Clock, GreenCodeSettings, RegistryChange, RegistryIndex } from '@lingtan/domain';
import { silentLogger } from '@lingtan/runtime';
import type { Logger } from '@lingtan/runtime';
import type { AlertEvent, DeadLetter, EnterpriseSummary, MeterUpdate, NormalizedBatch, ParkSummary, Registry } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import { isLiveRegistry } from '../registry/is-live.js';
import { AlertBook, OPEN_ALERTS_LOOKBACK_MS } from './alert-book.js';
import type { LiveBudgets } from './budget-levels.js';
import { DayTotals } from './day-totals.js';
import { MeterBook } from './meter-book.js';
import type { MeterStatusRow } from './meter-book.js';
import { meterRolesOf } from './meter-roles.js';
import { enterprisePower, parkPower } from './power.js';
import type { EnterprisePower, ParkPower } from './power.js';
import { seedModel } from './seed.js';
import { enterpriseSummary, parkSummary } from './summaries.js';
import type { SummaryContext } from './summaries.js';

/** What `createLiveModel` needs. */
export interface LiveModelDeps {
  readonly registry: RegistryIndex;
  readonly clock: Clock;
  /** Where `seed()` reads today's totals, the newest values and the open alerts. */
  readonly store?: TimeSeriesStore;
  readonly logger?: Logger;
  /**
   * Daily budgets; without them every budget level is grey. A function of the registry
   * (`budgetsFromRegistry`) is asked again after each registry change.
   */
  readonly budgets?: LiveBudgets | ((registry: Registry) => LiveBudgets | undefined);
  readonly greenCodeSettings?: GreenCodeSettings;
  /** How far back `seed()` looks for alert events of alerts still open. Default 30 days. */
  readonly alertLookbackMs?: number;
}

/** Dead letters since the park's local midnight, by reject code. */
export interface DeadLettersToday {
  readonly today: number;
  readonly byCode: Readonly<Record<string, number>>;
}

/**
 * The gateway's live picture of the park, computed from the normalized stream with the
 * domain's accounting (see `summaries.ts` for each figure). Pure in-process state: every
 * gateway instance sees the whole stream and keeps its own.
 */
export interface LiveModel {
  readonly registry: RegistryIndex;
  onBatch(batch: NormalizedBatch): void;
  onAlert(event: AlertEvent): void;
  onDeadLetter(dl: DeadLetter): void;
  /** Today's totals, newest values and open alerts from the store, so a restart does not zero the day. */
  seed(): Promise<void>;
  parkSummary(): ParkSummary;
  enterpriseSummary(id: string): EnterpriseSummary | undefined;
  meterUpdate(id: string): MeterUpdate | undefined;
  meterStatus(): MeterStatusRow[];
  deadLettersToday(): DeadLettersToday;
}

/** Counters of what the model refused, for logs and tests. */
export interface LiveModelInternals {
  readonly skipped: { otherPark: number; unknownMeter: number; outsideToday: number; replayed: number };
}

/**
 * Build a live model; call `seed()` once before serving, while batches may already arrive.
 * Over a live registry it follows each change (`onChange`): meter roles, the meter book (new
 * meters empty, removed ones gone, unchanged ones keep their values), today's totals, the
 * factor choice and the budgets are rebuilt from the new registry.
 */
export function createLiveModel(deps: LiveModelDeps): LiveModel & LiveModelInternals {
  const { registry: index, clock } = deps;
  const logger = deps.logger ?? silentLogger;
  const timeZone = index.registry.park.timezone;
  let choice = factorChoiceOf(index.registry.park);
  let roles = meterRolesOf(index);
  const budgetsOf = (): LiveBudgets | undefined => (typeof deps.budgets === 'function' ? deps.budgets(index.registry) : deps.budgets);
  let budgets = budgetsOf();
  const meters = new MeterBook(index.registry.meters);
  const alerts = new AlertBook();
  const skipped = { otherPark: 0, unknownMeter: 0, outsideToday: 0, replayed: 0 };
  let totals = new DayTotals(periodOf('day', clock.nowMs(), timeZone), index, roles, choice);
  let deadLetters = { today: 0, byCode: new Map<string, number>() };
  // While seeding, stream input waits here so nothing is counted both from the store and live.
  let pending: (() => void)[] | undefined;

  /** Day rollover at the park's local midnight (`periodOf`), by the clock. */
  const currentDay = (): DayTotals => {
    const nowMs = clock.nowMs();
    if (nowMs >= totals.day.endMs || nowMs < totals.day.startMs) {
      logger.info({ from: totals.day.label }, 'live model: new day, today\'s totals start from zero');
      totals = new DayTotals(periodOf('day', nowMs, timeZone), index, roles, choice);
      deadLetters = { today: 0, byCode: new Map() };
    }
    return totals;
  };

  const applyBatch = (batch: NormalizedBatch): void => {
    if (batch.park !== index.parkId) {
      skipped.otherPark += batch.readings.length;
      return;
    }
    const day = currentDay();
    for (const r of batch.readings) {
      const state = meters.get(r.m);
      // The topic's enterprise must own the meter: a reading never moves between tenants.
      if (state === undefined || state.meter.enterprise !== batch.enterprise) {
        skipped.unknownMeter += 1;
        continue;
      }
      meters.observe(state, r.ts, r.rx, r.v);
      if (r.d === undefined) continue;
      if (r.ts <= state.countedTsMs) {
        skipped.replayed += 1;
        continue;
      }
      state.countedTsMs = r.ts;
      if (!day.add(state.meter, r.ts, r.d)) skipped.outsideToday += 1;
    }
  };

  const context = (): SummaryContext => {
    const day = currentDay();
    const nowMs = clock.nowMs();
    const latest = (id: string) => {
      const s = meters.get(id);
      return s !== undefined && meters.online(s, nowMs) ? s.values : undefined;
    };
    const byEnterprise = new Map<string, EnterprisePower>();
    const powerOf = (id: string): EnterprisePower => {
      let p = byEnterprise.get(id);
      if (p === undefined) byEnterprise.set(id, (p = enterprisePower(id, index, roles, choice, latest)));
      return p;
    };
    let park: ParkPower | undefined;
    return {
      index,
      roles,
      choice,
      totals: day,
      power: () => (park ??= parkPower(index, roles, choice, latest, powerOf)),
      enterprisePower: powerOf,
      alerts,
      meters,
      nowMs,
      budgets,
      greenCodeSettings: deps.greenCodeSettings,
      deadLettersToday: deadLetters.today,
    };
  };

  const follow = (change: RegistryChange): void => {
    roles = meterRolesOf(index);
    meters.sync(index.registry.meters);
    budgets = budgetsOf();
    totals.retarget(roles, choice);
    logger.info({ revision: change.revision, meters: change.meters, enterprises: change.enterprises }, 'live model: registry changed');
    // Last, as it throws on a park accounting that names an unknown factor: the old choice then stays.
    if (change.parkChanged) {
      choice = factorChoiceOf(index.registry.park);
      totals.retarget(roles, choice);
    }
  };
  if (isLiveRegistry(index)) index.onChange(follow);

  const whenSeeded = (work: () => void): void => {
    if (pending !== undefined) pending.push(work);
    else work();
  };

  return {
    registry: index,
    skipped,
    onBatch: (batch) => whenSeeded(() => applyBatch(batch)),
    onAlert: (event) =>
      whenSeeded(() => {
        if (event.park === index.parkId) alerts.apply(event);
      }),
    onDeadLetter: (dl) => {
      currentDay();
      deadLetters.today += 1;
      deadLetters.byCode.set(dl.code, (deadLetters.byCode.get(dl.code) ?? 0) + 1);
    },
    seed: async () => {
      if (deps.store === undefined) return;
      pending = [];
      try {
        await seedModel({ store: deps.store, index, clock, day: currentDay(), meters, alerts, lookbackMs: deps.alertLookbackMs ?? OPEN_ALERTS_LOOKBACK_MS, logger });
      } finally {
        const queued = pending;
        pending = undefined;
        for (const work of queued) work();
      }
    },
    parkSummary: () => parkSummary(context()),
    enterpriseSummary: (id) => {
      const e = index.enterprise(id);
      return e === undefined ? undefined : enterpriseSummary(context(), e);
    },
    meterUpdate: (id) => {
      const s = meters.get(id);
      if (s === undefined || s.tsMs === null) return undefined;
      return { meter: s.meter.id, enterprise: s.meter.enterprise, carrier: s.meter.carrier, ts: s.tsMs, values: { ...s.values } };
    },
    meterStatus: () => meters.status(clock.nowMs()),
    deadLettersToday: () => {
      currentDay();
      return { today: deadLetters.today, byCode: Object.fromEntries(deadLetters.byCode) };
    },
  };
}
