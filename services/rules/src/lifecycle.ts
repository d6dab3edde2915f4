import type { Alert, AlertClearReason, AlertEvent, AlertEventType, AlertOwner, AlertTextParams, Recommendation, RuleKind, Severity } from '@lingtan/schema';

/** A condition that holds now, as a rule evaluator sees it. */
export interface Raise {
  /** Dedup key: rule id and subject (`dedupKey`). */
  readonly key: string;
  readonly ruleId: string;
  readonly kind: RuleKind;
  readonly severity: Severity;
  readonly park: string;
  readonly owner: AlertOwner;
  readonly meter: string;
  readonly atMs: number;
  readonly message: string;
  /** The code and parameters `message` was rendered from (`alertMessageOf`). */
  readonly messageCode?: string | undefined;
  readonly messageParams?: AlertTextParams | undefined;
  readonly value?: number | undefined;
  /** Set when the subject is an enterprise or the park rather than a meter. */
  readonly subjectScope?: 'enterprise' | 'park' | undefined;
  readonly recommendation?: Recommendation | undefined;
  /** A recurrence this soon after a condition clear re-opens the same alert. */
  readonly flapWindowMs: number;
}

/** Why a lifecycle command was refused. */
export type LifecycleRefusal = { readonly ok: false; readonly code: 'alert_unknown' | 'alert_cleared'; readonly detail: string };

/** The outcome of a person's command: the event it made, or why not. */
export type LifecycleResult = { readonly ok: true; readonly event: AlertEvent } | LifecycleRefusal;

/** The dedup key of a rule and a subject meter. */
export function dedupKey(ruleId: string, meter: string): string {
  return `${ruleId}/${meter}`;
}

/** Who clears an alert when its condition goes away by itself. */
export const CLEARED_BY_CONDITION = 'condition';

/** Who clears an alert the service closes itself (with a `reason`). */
export const CLEARED_BY_SYSTEM = 'system';

interface Entry {
  alert: Alert;
  revision: number;
}

/**
 * Alerts in memory, one entry per dedup key: the open alert, or the last cleared one (kept
 * to link a recurrence and to detect flapping). Because a key has one entry, repeated or
 * raced raises of one condition can never open two alerts. Every change returns its event;
 * nothing here does I/O or reads a clock.
 */
export class AlertStore {
  private readonly byKey = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();

  /** `newAlertId` makes ids for new alerts (random in production, a counter in tests). */
  constructor(private readonly newAlertId: () => string) {}

  /**
   * The condition holds. Opens an alert, or updates the open one (a new mark, a race), or
   * re-opens a cleared one that flaps, or opens a new occurrence linked to the cleared one.
   * Returns no event for a raise not newer than the alert's last sighting (a redelivery).
   */
  raise(r: Raise): AlertEvent | undefined {
    const entry = this.byKey.get(r.key);
    if (entry === undefined) return this.open(r, 1, undefined);
    const a = entry.alert;
    if (r.atMs <= a.lastSeenMs || (a.cleared !== undefined && r.atMs <= a.cleared.atMs)) return undefined;
    if (a.state !== 'cleared') {
      return this.change(entry, 'updated', r.atMs, { lastSeenMs: r.atMs, count: a.count + 1, ...messageOf(r), severity: r.severity, ...valueOf(r.value), ...recommendationOf(r) });
    }
    const flapping = a.cleared?.by === CLEARED_BY_CONDITION && r.atMs - a.cleared.atMs < r.flapWindowMs;
    if (flapping) {
      // A condition that comes straight back is the same problem: re-open it as it was
      // (an acknowledgement stands), rather than page someone with a new alert.
      const { cleared: _cleared, clearedAfterAck: _afterAck, ...reopened } = a;
      entry.alert = reopened;
      const state = a.acknowledged === undefined ? 'active' : 'acknowledged';
      return this.change(entry, 'updated', r.atMs, { state, lastSeenMs: r.atMs, count: a.count + 1, ...messageOf(r), ...valueOf(r.value), ...recommendationOf(r) });
    }
    return this.open(r, a.occurrence + 1, a.alertId);
  }

  /** The condition is gone: clears the open alert of `key`, if any. */
  clearByCondition(key: string, atMs: number, value?: number): AlertEvent | undefined {
    const entry = this.byKey.get(key);
    if (entry === undefined || entry.alert.state === 'cleared') return undefined;
    // Whether someone had acknowledged it: the condition going away after that is the
    // warning-to-optimization loop closing.
    const clearedAfterAck = entry.alert.acknowledged !== undefined;
    return this.change(entry, 'cleared', atMs, { state: 'cleared', cleared: { by: CLEARED_BY_CONDITION, atMs }, clearedAfterAck, ...valueOf(value) });
  }

  /**
   * The service clears the open alert of `key` itself (`cleared.by` "system"), e.g. its
   * meter left the registry: nothing will ever clear it otherwise. Like a clear by hand, a
   * recurrence afterwards is a new occurrence, not a flap.
   */
  clearBySystem(key: string, atMs: number, reason: AlertClearReason): AlertEvent | undefined {
    const entry = this.byKey.get(key);
    if (entry === undefined || entry.alert.state === 'cleared') return undefined;
    return this.change(entry, 'cleared', atMs, { state: 'cleared', cleared: { by: CLEARED_BY_SYSTEM, atMs, reason } });
  }

  /** A person acknowledges an open alert (it stays open until cleared). */
  acknowledge(alertId: string, by: string, atMs: number, comment?: string): LifecycleResult {
    const found = this.openEntry(alertId);
    if (!found.ok) return found;
    return { ok: true, event: this.change(found.entry, 'acknowledged', atMs, { state: 'acknowledged', acknowledged: withComment({ by, atMs }, comment) }) };
  }

  /** A person clears an open alert; a recurrence afterwards is a new occurrence, not a flap. */
  clearByHand(alertId: string, by: string, atMs: number, comment?: string): LifecycleResult {
    const found = this.openEntry(alertId);
    if (!found.ok) return found;
    return { ok: true, event: this.change(found.entry, 'cleared', atMs, { state: 'cleared', cleared: withComment({ by, atMs }, comment) }) };
  }

  /**
   * Put back alerts rebuilt from the store after a restart (`currentAlerts`), before any
   * evaluation: a condition that still holds then updates its open alert instead of raising
   * a new one, and event ids continue from the stored revision.
   */
  restore(restored: readonly { readonly alert: Alert; readonly revision: number }[]): void {
    for (const { alert, revision } of restored) {
      const previous = this.byKey.get(alert.key);
      if (previous !== undefined) this.byId.delete(previous.alert.alertId);
      const entry: Entry = { alert, revision };
      this.byKey.set(alert.key, entry);
      this.byId.set(alert.alertId, entry);
    }
  }

  /** The alert as it stands (the current one of its key only). */
  get(alertId: string): Alert | undefined {
    return this.byId.get(alertId)?.alert;
  }

  /** The current alert of a dedup key, open or last cleared. */
  byDedupKey(key: string): Alert | undefined {
    return this.byKey.get(key)?.alert;
  }

  /** Every open alert (active or acknowledged). */
  openAlerts(): Alert[] {
    return [...this.byKey.values()].map((e) => e.alert).filter((a) => a.state !== 'cleared');
  }

  private openEntry(alertId: string): { ok: true; entry: Entry } | LifecycleRefusal {
    const entry = this.byId.get(alertId);
    if (entry === undefined) return { ok: false, code: 'alert_unknown', detail: `no current alert ${alertId}` };
    if (entry.alert.state === 'cleared') return { ok: false, code: 'alert_cleared', detail: `alert ${alertId} is already cleared` };
    return { ok: true, entry };
  }

  private open(r: Raise, occurrence: number, previousAlertId: string | undefined): AlertEvent {
    const previous = this.byKey.get(r.key);
    if (previous !== undefined) this.byId.delete(previous.alert.alertId);
    const alert: Alert = {
      alertId: this.newAlertId(),
      key: r.key,
      ruleId: r.ruleId,
      kind: r.kind,
      severity: r.severity,
      park: r.park,
      owner: r.owner,
      meter: r.meter,
      state: 'active',
      firstSeenMs: r.atMs,
      lastSeenMs: r.atMs,
      occurrence,
      count: 1,
      ...(previousAlertId === undefined ? {} : { previousAlertId }),
      ...messageOf(r),
      ...valueOf(r.value),
      ...(r.subjectScope === undefined ? {} : { subjectScope: r.subjectScope }),
      ...recommendationOf(r),
    };
    const entry: Entry = { alert, revision: 0 };
    this.byKey.set(r.key, entry);
    this.byId.set(alert.alertId, entry);
    return this.event(entry, 'raised', r.atMs);
  }

  private change(entry: Entry, type: AlertEventType, atMs: number, patch: Partial<Alert>): AlertEvent {
    entry.alert = { ...entry.alert, ...patch };
    return this.event(entry, type, atMs);
  }

  private event(entry: Entry, type: AlertEventType, atMs: number): AlertEvent {
    entry.revision += 1;
    return { v: 1, eventId: `${entry.alert.alertId}:${entry.revision}`, type, atMs, ...entry.alert };
  }
}

// Optional fields are left out rather than set to undefined, so an event is the same
// object before and after a JSON round trip.
function valueOf(value: number | undefined): { value?: number } {
  return value === undefined ? {} : { value };
}

function messageOf(r: Raise): Pick<Alert, 'message' | 'messageCode' | 'messageParams'> {
  return { message: r.message, ...(r.messageCode === undefined ? {} : { messageCode: r.messageCode }), ...(r.messageParams === undefined ? {} : { messageParams: r.messageParams }) };
}

function recommendationOf(r: Raise): { recommendation?: Recommendation } {
  return r.recommendation === undefined ? {} : { recommendation: r.recommendation };
}

function withComment(base: { by: string; atMs: number }, comment: string | undefined): { by: string; atMs: number; comment?: string } {
  return comment === undefined ? base : { ...base, comment };
}
