/**
 * The marks of trust on a wall figure: "Đã điều chỉnh" (the earlier figure beside it) and "⚠ Cần kiểm
 * tra" (amber, the rule it broke). `line`: a tile's own detail lines; `badge`: one compact mark for a
 * ranking row (the detail in its title and aria label, the mark itself legible at wall size).
 */
import type { TrustMarks } from './trust.ts';

export function TrustLines({ marks }: { marks: TrustMarks }) {
  return (
    <>
      {marks.implausible ? (
        <div className="trust-line trust-implausible" data-testid="trust-implausible" title={marks.implausible.detail}>
          <span className="trust-mark">⚠ {marks.implausible.label}</span>{' '}
          <span className="trust-detail">{marks.implausible.detail}</span>
        </div>
      ) : null}
      {marks.revised ? (
        <div className="trust-line trust-revised" data-testid="trust-revised" title={marks.revised.detail}>
          <span className="trust-mark">{marks.revised.label}</span> <span className="trust-detail">{marks.revised.detail}</span>
        </div>
      ) : null}
    </>
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
