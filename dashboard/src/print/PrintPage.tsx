/**
 * `/print?job=<id>`: the page the server's headless Chromium turns into the PDF meeting pack. It reads
 * one print job (GET /api/exports/pdf/jobs/:id, with a credential the server's browser adds as a header:
 * never in the address) and lays each view out on its own A4 landscape sheet with the wall's viewLayout
 * — no live map, no socket: every figure comes from the job, read by the server within the caller's
 * scope (frozen when the meeting was). Each sheet is stamped with the province, the meeting, the date
 * and "Số liệu tính đến …". It says it is ready (`data-print-ready`) once every panel has drawn its
 * figures and the fonts are loaded, so the PDF never catches a placeholder or a fallback font.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PrintJob } from '../../../contract/meeting-pack.ts';
import type { View } from '../../../contract/meetings.ts';
import { LiveClient } from '../live/client.ts';
import { formatDateVi, parseInstant } from '../format/vi.ts';
import { getPrintJob } from '../meeting/api.ts';
import { asOfLabel, frozenLabel, meetingLineParts, bandViewParts } from '../meeting/labels.ts';
import { BandLine } from '../meeting/BandLine.tsx';
import { viewLayout } from '../meeting/layout.ts';
import { MeetingPanels } from '../meeting/MeetingPanels.tsx';
import '../meeting/meeting.css';

/** The design canvas of a sheet (A4's proportions below the stamp), scaled down to 297 mm. */
const DESIGN = { width: 1440, height: 975 };
const SHEET_PX = 1122.5; // 297 mm at 96 px per inch
const BAND_PX = 112;
const READY_TIMEOUT_MS = 20_000;

function Sheet({ job, view, index }: { job: PrintJob; view: View; index: number }) {
  const province = job.province;
  const clients = useMemo(() => {
    // Never opened: the store is filled from the job's snapshots, and the panels read it as they would live.
    const m = new Map<string, LiveClient>();
    for (const { area, snapshot } of job.data[index] ?? []) {
      const c = m.get(area) ?? new LiveClient();
      c.store.applySnapshot(snapshot);
      m.set(area, c);
    }
    return m;
  }, [job, index]);
  const layout = useMemo(() => viewLayout(view, job.groups, province.code, 'print'), [view, job.groups, province.code]);
  const rollups = useMemo(() => ({ kind: 'job' as const, rollups: job.rollups }), [job.rollups]);
  const scale = SHEET_PX / DESIGN.width;
  const day = parseInstant(job.generatedAt);
  return (
    <section className="print-sheet" data-testid="print-sheet">
      <div className="print-design wall-canvas" style={{ width: DESIGN.width, height: DESIGN.height, zoom: scale }}>
        <header className="meeting-band" style={{ height: BAND_PX, fontSize: 30 }}>
          <div className="meeting-band-line">
            <div className="meeting-band-title">
              <BandLine
                parts={
                  job.meeting
                    ? meetingLineParts(job.meeting.title, job.meeting.presenter.name)
                    : [{ text: province.centerTitle, shrink: 1 }]
                }
              />
            </div>
            {job.meeting?.frozenAt ? <div className="meeting-frozen">{frozenLabel(job.meeting.frozenAt)}</div> : null}
          </div>
          <h1 className="meeting-band-view">
            <BandLine parts={bandViewParts(view, job.groups, province)} />
          </h1>
        </header>
        {layout.problem ? (
          <div className="meeting-message">{layout.problem}</div>
        ) : (
          <MeetingPanels
            layout={layout}
            design={DESIGN}
            base={{ province, groups: job.groups }}
            clientFor={(a) => clients.get(a)}
            top={BAND_PX + 8}
            rollups={rollups}
          />
        )}
      </div>
      <footer className="print-stamp" data-testid="print-stamp">
        <span>
          {province.fullName}
          {job.meeting ? ` · ${job.meeting.title}` : ''}
        </span>
        <span>Ngày {day ? formatDateVi(day) : '—'}</span>
        <span>{asOfLabel(job.asOf)}</span>
        <span>
          Trang {index + 1}/{job.views.length}
        </span>
      </footer>
    </section>
  );
}

export default function PrintPage() {
  const id = new URLSearchParams(window.location.search).get('job') ?? '';
  const [job, setJob] = useState<PrintJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    document.title = 'Tài liệu cuộc họp';
    getPrintJob(id)
      .then(setJob)
      .catch((err: Error) => setError(err.message));
  }, [id]);

  // Ready when no panel is still loading (code or data) and the fonts are in; the server then prints.
  useEffect(() => {
    if (!job) return;
    const started = Date.now();
    let done = false;
    const t = setInterval(() => {
      const el = root.current;
      if (!el || done) return;
      const slots = el.querySelectorAll('.panel-slot').length;
      const panels = el.querySelectorAll('.panel-slot > .panel:not([data-state="loading"])').length;
      if (slots > 0 && panels < slots && Date.now() - started < READY_TIMEOUT_MS) return;
      done = true;
      clearInterval(t);
      void document.fonts.ready.then(() =>
        requestAnimationFrame(() => requestAnimationFrame(() => document.body.setAttribute('data-print-ready', '1'))),
      );
    }, 100);
    return () => clearInterval(t);
  }, [job]);

  if (error)
    return (
      <div className="print-error" data-print-error="1">
        Không tạo được tài liệu: {error}
      </div>
    );
  if (!job) return <div className="print-error">Đang chuẩn bị tài liệu…</div>;
  return (
    <div className="print-root" ref={root}>
      {job.views.map((v, i) => (
        <Sheet key={i} job={job} view={v} index={i} />
      ))}
    </div>
  );
}
