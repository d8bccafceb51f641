/** The period picker: a kind (tháng, quý, 6 tháng, 9 tháng, năm, lũy kế) and ◀ ▶ through its windows. */
import { selectionLabelVi } from '../../../contract/rollup.ts';
import { kindOf, PICK_KINDS, selectionForKind, stepSelection, type YearMonth } from './periods.ts';

export function PeriodPicker(p: { value: string; latest: YearMonth | null; onChange: (code: string) => void }) {
  const kind = kindOf(p.value);
  const prev = stepSelection(p.value, -1);
  const next = stepSelection(p.value, 1);
  return (
    <div className="t-period-picker" data-testid="period-picker">
      <div className="t-period-kinds" role="radiogroup" aria-label="Loại kỳ">
        {PICK_KINDS.map((k) => (
          <button
            key={k.kind}
            type="button"
            role="radio"
            aria-checked={kind === k.kind}
            className={`t-chip${kind === k.kind ? ' t-chip--on' : ''}`}
            data-testid={`period-kind-${k.kind}`}
            onClick={() => p.latest && p.onChange(selectionForKind(k.kind, p.latest))}
            disabled={!p.latest}
          >
            {k.label}
          </button>
        ))}
      </div>
      <div className="t-period-step">
        <button type="button" className="tablet-button" aria-label="Kỳ trước" onClick={() => prev && p.onChange(prev)}>
          ◀
        </button>
        <span className="t-period-label" data-testid="period-label">
          {selectionLabelVi(p.value)}
        </span>
        <button type="button" className="tablet-button" aria-label="Kỳ sau" onClick={() => next && p.onChange(next)}>
          ▶
        </button>
      </div>
    </div>
  );
}
