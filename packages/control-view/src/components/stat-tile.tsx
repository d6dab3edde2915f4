import type { ReactNode } from 'react';
import { autoDigits, formatNumber, NO_VALUE } from '../lib/format.js';
import { useLocale } from '../lib/use-locale.js';

/**
 * One big live figure: label, value with its unit, a line beneath. `tone` colours the value
 * (budget levels); a stale tile is greyed and carries the stale mark, so an old number is
 * never read as current.
 */
export function StatTile(props: {
  readonly label: string;
  readonly value: number | null;
  readonly unit: string;
  readonly digits?: number;
  readonly sub?: ReactNode;
  readonly tone?: string;
  readonly stale?: ReactNode;
  readonly testId?: string;
  readonly wide?: boolean;
}) {
  const locale = useLocale();
  const text = formatNumber(locale, props.value, props.digits ?? autoDigits(props.value));
  return (
    <div className={`tile${props.stale === undefined ? '' : ' is-stale'}${props.wide === true ? ' wide' : ''}${props.tone === undefined ? '' : ` tone-${props.tone}`}`} data-testid={props.testId}>
      <div className="tile-label">
        {props.label}
        {props.stale}
      </div>
      <div className="tile-value">
        <span className="num" data-testid={props.testId === undefined ? undefined : `${props.testId}-value`}>
          {text}
        </span>
        {text === NO_VALUE ? null : <span className="unit">{props.unit}</span>}
      </div>
      {props.sub === undefined ? null : <div className="tile-sub">{props.sub}</div>}
    </div>
  );
}

/** A panel: a titled box of the grid. */
export function Panel(props: { readonly title: ReactNode; readonly children: ReactNode; readonly className?: string; readonly actions?: ReactNode; readonly testId?: string }) {
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testId}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions === undefined ? null : <div className="panel-actions">{props.actions}</div>}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

/** Loading, error and empty states share one look. */
export function Notice(props: { readonly kind: 'loading' | 'error' | 'empty'; readonly children: ReactNode }) {
  return (
    <div className={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : undefined}>
      {props.children}
    </div>
  );
}
