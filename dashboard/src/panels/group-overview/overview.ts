/** All indicators of one group at province level, one compact row each. Pure. */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { GroupInfo } from '../../../../contract/http.ts';
import { headline, type Headline, type Tone } from '../common/headline.ts';
import { formatPeriod, periodLabelVi, parsePeriod } from '../../../../contract/period.ts';
import { formatValue } from '../../format/vi.ts';
import { inArea, valuesOfIndicator } from '../common/values.ts';
import { leastFinal, reportedLabel } from '../common/reported.ts';

export interface OverviewRow {
  id: string;
  name: string;
  /** `20.443,2 tỷ đồng`, `—` when nothing was reported. */
  valueText: string;
  /** The row's own period label (`10 tháng năm 2026 (lũy kế)`, `Tháng 8/2026`). */
  periodText: string;
  /** What the row adds to the panel's common period: `lũy kế`, or its own period when it differs. */
  periodNote: string | null;
  /** `▲ tăng 13,6%`. */
  comparisonText: string | null;
  comparisonTone: Tone | null;
  /** `85,2% DT`. */
  planText: string | null;
  planTone: Tone | null;
  staleText: string | null;
  status: string | null;
}

export interface Overview {
  title: string;
  /** The period most rows show (`Tháng 10/2026`); null when nothing is reported. */
  periodLabel: string | null;
  /** The common period with the least final status among its rows: `Tháng 11/2026 (ước tính)`. */
  reportedLabel: string | null;
  rows: OverviewRow[];
  staleCount: number;
  /** The latest update among the rows. */
  updatedText: string | null;
  reporter: string | null;
}

export function groupOverview(
  group: GroupInfo,
  values: ReadonlyMap<string, IndicatorValue>,
  provinceCode: string,
  now: Date,
  title?: string,
): Overview {
  let newest: IndicatorValue | null = null;
  let updatedText: string | null = null;
  const heads = group.indicators.map((info) => headline(info, inArea(valuesOfIndicator(values, info.id), provinceCode), now));
  // The period most rows share goes in the panel's head; rows only say how they differ.
  const counts = new Map<string, number>();
  for (const h of heads) if (h) counts.set(formatPeriod(h.period), (counts.get(formatPeriod(h.period)) ?? 0) + 1);
  let common: string | null = null;
  for (const [code, n] of counts) if (common === null || n > (counts.get(common) ?? 0)) common = code;
  const commonPeriod = common ? parsePeriod(common) : null;
  const rows = group.indicators.map((info, i): OverviewRow => {
    const h: Headline | null = heads[i] ?? null;
    if (!h) {
      return {
        id: info.id,
        name: info.name,
        valueText: '—',
        periodText: 'Chưa có số liệu',
        periodNote: 'chưa có số liệu',
        comparisonText: null,
        comparisonTone: null,
        planText: null,
        planTone: null,
        staleText: null,
        status: null,
      };
    }
    if (!newest || h.value.updatedAt > newest.updatedAt) {
      newest = h.value;
      updatedText = h.updatedText;
    }
    return {
      id: info.id,
      name: info.name,
      valueText: formatValue(h.figure, info.unit),
      periodText: h.figureLabel,
      periodNote: formatPeriod(h.period) === common ? (h.cumulative ? 'lũy kế' : null) : h.figureLabel,
      comparisonText: h.comparison ? `${h.comparison.arrow} ${h.comparison.text}` : null,
      comparisonTone: h.comparison?.tone ?? null,
      planText: h.plan?.short ?? null,
      planTone: h.plan?.tone ?? null,
      staleText: h.staleText,
      status: h.statusText,
    };
  });
  const n = newest as IndicatorValue | null;
  const commonStatus = leastFinal(heads.flatMap((h) => (h && formatPeriod(h.period) === common ? [h.value.status] : [])));
  return {
    title: title ?? group.name,
    periodLabel: commonPeriod ? periodLabelVi(commonPeriod) : null,
    reportedLabel: commonPeriod ? reportedLabel(periodLabelVi(commonPeriod), commonStatus ?? 'official') : null,
    rows,
    staleCount: rows.filter((r) => r.staleText).length,
    updatedText,
    reporter: n?.reporter ?? null,
  };
}
