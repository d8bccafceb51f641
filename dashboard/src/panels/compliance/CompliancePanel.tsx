/**
 * Who is late, for the wall: agencies (or communes) worst first — how many figures are overdue, how
 * many came late, the longest delay — from GET /api/compliance, refreshed every minute. Colour is never
 * alone: each line starts with a word (`Quá hạn`, `Muộn`, `Đúng hạn`).
 */
import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, ErrorFrame, Frame, LoadingFrame } from '../common/Frame.tsx';
import { useCompliance } from '../../compliance/useCompliance.ts';
import { complianceLine, complianceSummary, type Severity } from '../../compliance/model.ts';
import { formatUpdatedVi } from '../../format/vi.ts';
import './compliance.css';

const MARK: Record<Severity, string> = { missing: 'Quá hạn', late: 'Muộn', ok: 'Đúng hạn', pending: 'Chưa đến hạn' };

export default function CompliancePanel({ panel, index }: PanelProps<'compliance'>) {
  const by = panel.by ?? 'agency';
  const load = useCompliance({ by, period: panel.period });
  const title = panel.title ?? (by === 'agency' ? 'Chấp hành chế độ báo cáo — cơ quan' : 'Chấp hành chế độ báo cáo — xã, phường');
  const view = useMemo(() => {
    if (load.state !== 'ready') return null;
    const summary = complianceSummary(load.data);
    const lines = load.data.rows.map(complianceLine).slice(0, panel.limit ?? 8);
    return { summary, lines };
  }, [load, panel.limit]);
  if (load.state === 'loading') return <LoadingFrame index={index} kind={panel.kind} title={title} />;
  if (load.state === 'error')
    return (
      <ErrorFrame index={index} kind={panel.kind} title={title} message="Không tải được tình hình báo cáo" detail={load.error} />
    );
  const { summary, lines } = view!;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={load.error ? 'stale' : 'ready'}
      title={title}
      period={`${summary.periodLabel} · ${summary.countText}`}
      updated={formatUpdatedVi(load.data.asOf)}
      staleText={load.error ? 'Mất kết nối — đang hiển thị lần tải trước' : null}
    >
      <div className="compliance" data-testid="compliance">
        <div className="compliance-headline" data-testid="compliance-headline">
          {summary.headline}
        </div>
        {lines.length === 0 ? (
          <EmptyBody text="Không có báo cáo nào phải nộp trong kỳ" />
        ) : (
          <ol className="compliance-rows">
            {lines.map((l) => (
              <li key={l.key} className={`compliance-row compliance-row--${l.severity}`} aria-label={l.label} data-key={l.key}>
                <span className="compliance-mark">{MARK[l.severity]}</span>
                <span className="compliance-name">{l.name}</span>
                <span className="compliance-figures">
                  {[l.missingText, l.lateText, l.delayText].filter(Boolean).join(' · ') || l.rateText}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Frame>
  );
}
