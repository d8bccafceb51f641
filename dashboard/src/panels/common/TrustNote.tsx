/**
 * The marks of trust on a wall figure: "⚠ Cần kiểm tra" (amber) and "Đã điều chỉnh", with the earlier
 * figure (or, when not revised, the rule broken) beside them. `TrustLines`: one line of a tile; `TrustBadge`:
 * one compact mark for a ranking row (the detail in its title and aria label, the mark legible at wall size).
 */
import type { TrustMarks } from './trust.ts';

export function TrustLines({ marks }: { marks: TrustMarks }) {
  if (!marks.implausible && !marks.revised) return null;
  // One line, so a tile keeps its layout: the marks, then the earlier figure (else the rule broken).
  const detail = marks.revised?.detail ?? marks.implausible!.detail;
  const title = [marks.implausible, marks.revised]
    .filter((m) => m !== null)
    .map((m) => `${m.label}: ${m.detail}`)
    .join(' · ');
  return (
    <div className="trust-line" title={title}>
      {marks.implausible ? (
        <span className="trust-mark trust-implausible" data-testid="trust-implausible" title={marks.implausible.detail}>
          ⚠ {marks.implausible.label}
        </span>
      ) : null}
      {marks.revised ? (
        <span className="trust-mark trust-revised" data-testid="trust-revised" title={marks.revised.detail}>
          {marks.revised.label}
        </span>
      ) : null}{' '}
      <span className={marks.revised ? 'trust-detail' : 'trust-detail trust-detail--check'}>{detail}</span>
    </div>
  );
}

export function TrustBadge({ marks }: { marks: TrustMarks }) {
  // A figure that may be wrong outranks one that was corrected: one badge per row.
  const m = marks.implausible ?? marks.revised;
  if (!m) return null;
  const cls = marks.implausible ? 'trust-badge trust-implausible' : 'trust-badge trust-revised';
  return (
    <span className={cls} title={`${m.label}: ${m.detail}`} aria-label={`${m.label}: ${m.detail}`}>
      {marks.implausible ? '⚠ Cần kiểm tra' : 'Đã điều chỉnh'}
    </span>
  );
}
