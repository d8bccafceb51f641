/**
 * Presenter mode on the tablet: start a meeting (title, wall displays), join one, and the band of a
 * running meeting — who presents, frozen figures ("Số liệu chốt lúc 09:30, 02/12/2026"), and the
 * controls of this tablet's role in it (follow.ts): presenter (freeze, hand over, end), follower (leave),
 * browsing ("Theo người trình bày").
 */
import { useEffect, useState } from 'react';
import type { MeetingState } from '../../../contract/meetings.ts';
import type { MeetingDisplay } from '../../../contract/rollup.ts';
import { formatDateVi, formatTimeVi, parseInstant } from '../format/vi.ts';
import { loadDisplays } from './api.ts';
import type { MeetingControls } from './useMeeting.ts';

export function frozenTextVi(iso: string): string {
  const d = parseInstant(iso);
  return d ? `Số liệu chốt lúc ${formatTimeVi(d)}, ${formatDateVi(d)}` : 'Số liệu đã chốt';
}

export function MeetingBand({ m, me, onPack }: { m: MeetingControls; me: string; onPack: () => void }) {
  const f = m.follow;
  const [handing, setHanding] = useState(false);
  if (f.mode === 'solo') return null;
  const s = f.meeting;
  const others = s.members.filter((x) => x.id !== me);
  return (
    <div className={`tablet-meeting${s.frozenAt ? ' tablet-meeting--frozen' : ''}`} data-testid="meeting-band" data-mode={f.mode}>
      <div className="tablet-meeting-text">
        <strong data-testid="meeting-title">{s.title}</strong>
        <span>
          Người trình bày: <span data-testid="meeting-presenter">{s.presenter.name}</span>
        </span>
        {s.frozenAt ? (
          <span className="t-frozen-label" data-testid="meeting-frozen">
            {frozenTextVi(s.frozenAt)}
          </span>
        ) : null}
        <span className="tablet-meeting-mode" data-testid="meeting-mode">
          {f.mode === 'presenting'
            ? 'Bạn đang trình bày'
            : f.mode === 'following'
              ? 'Đang theo người trình bày'
              : 'Đang xem riêng'}
        </span>
      </div>
      <div className="tablet-meeting-actions">
        <button type="button" className="tablet-button" onClick={onPack} data-testid="meeting-pack">
          Gói tài liệu (PDF)
        </button>
        {f.mode === 'browsing' ? (
          <button
            type="button"
            className="tablet-button tablet-button--primary"
            onClick={m.returnToPresenter}
            data-testid="meeting-return"
          >
            Theo người trình bày
          </button>
        ) : null}
        {f.mode === 'presenting' ? (
          <>
            {s.frozenAt ? (
              <button type="button" className="tablet-button" onClick={m.unfreeze} data-testid="meeting-unfreeze">
                Bỏ chốt số liệu
              </button>
            ) : (
              <button type="button" className="tablet-button" onClick={m.freeze} data-testid="meeting-freeze">
                Chốt số liệu
              </button>
            )}
            <button type="button" className="tablet-button" onClick={() => setHanding(!handing)} data-testid="meeting-handover">
              Chuyển quyền trình bày
            </button>
            <button type="button" className="tablet-button tablet-button--danger" onClick={m.end} data-testid="meeting-end">
              Kết thúc
            </button>
          </>
        ) : (
          <button type="button" className="tablet-button" onClick={m.leave} data-testid="meeting-leave">
            Rời cuộc họp
          </button>
        )}
      </div>
      {handing && f.mode === 'presenting' ? (
        <div className="tablet-meeting-handover" data-testid="meeting-handover-list">
          {others.length ? (
            others.map((x) => (
              <button
                key={x.id}
                type="button"
                className="tablet-button"
                onClick={() => {
                  setHanding(false);
                  m.handover(x.id);
                }}
                data-testid={`handover-${x.id}`}
              >
                {x.name}
              </button>
            ))
          ) : (
            <span>Chưa có thành viên nào khác tham gia.</span>
          )}
        </div>
      ) : null}
      {m.error ? <div className="tone-bad">{m.error}</div> : null}
    </div>
  );
}

/** The meeting dialog of a tablet not in a meeting: join a running one, or start one (those who may present). */
export function MeetingDialog(p: { m: MeetingControls; canStart: boolean; onClose: () => void }) {
  const [meetings, setMeetings] = useState<MeetingState[] | null>(null);
  const [displays, setDisplays] = useState<MeetingDisplay[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [title, setTitle] = useState('Họp giao ban UBND tỉnh');
  const { m, canStart, onClose } = p;
  useEffect(() => {
    void m.list().then(setMeetings);
    if (canStart)
      loadDisplays()
        .then(setDisplays)
        .catch(() => setDisplays([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening of the dialog
  }, []);
  return (
    <div className="t-dialog-backdrop">
      <div className="t-dialog" role="dialog" aria-modal="true" aria-label="Cuộc họp" data-testid="meeting-dialog">
        <h2>Cuộc họp</h2>
        <h3>Đang diễn ra</h3>
        {meetings === null ? <p>Đang tải…</p> : null}
        {meetings && !meetings.length ? <p>Không có cuộc họp nào đang diễn ra.</p> : null}
        {meetings?.map((x) => (
          <div key={x.id} className="t-dialog-row">
            <span>
              {x.title} — {x.presenter.name}
            </span>
            <button
              type="button"
              className="tablet-button tablet-button--primary"
              onClick={() => void m.join(x.id).then((ok) => ok && onClose())}
              data-testid={`meeting-join-${x.id}`}
            >
              Tham gia
            </button>
          </div>
        ))}
        {canStart ? (
          <>
            <h3>Bắt đầu cuộc họp</h3>
            <label className="t-dialog-field">
              <span>Tên cuộc họp</span>
              <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="meeting-title-input" />
            </label>
            <div className="t-dialog-field">
              <span>Màn hình tường theo cuộc họp</span>
              <div className="t-period-kinds">
                {displays === null ? <span>Đang tải…</span> : null}
                {displays?.map((d) => {
                  const on = picked.includes(d.id);
                  // A display follows one meeting at a time: say which, rather than refuse after "Bắt đầu".
                  const busy = meetings?.find((x) => x.displays.includes(d.id));
                  return (
                    <button
                      key={d.id}
                      type="button"
                      className={`t-chip${on ? ' t-chip--on' : ''}`}
                      aria-pressed={on}
                      disabled={busy !== undefined}
                      onClick={() => setPicked(on ? picked.filter((x) => x !== d.id) : [...picked, d.id])}
                      data-testid={`meeting-display-${d.id}`}
                    >
                      {d.wallName} · {d.name}
                      {busy ? <small className="t-chip-note"> — đang theo cuộc họp “{busy.title}”</small> : null}
                    </button>
                  );
                })}
              </div>
            </div>
            <button
              type="button"
              className="tablet-button tablet-button--primary"
              disabled={!title.trim()}
              // Refused (another tablet took a display meanwhile): the list shows who has it now.
              onClick={() =>
                void m.start(title.trim(), picked).then((ok) => {
                  if (ok) return onClose();
                  void m.list().then((list) => {
                    setMeetings(list);
                    setPicked((cur) => cur.filter((d) => !list.some((x) => x.displays.includes(d))));
                  });
                })
              }
              data-testid="meeting-start"
            >
              Bắt đầu
            </button>
          </>
        ) : null}
        {m.error ? <p className="tone-bad">{m.error}</p> : null}
        <div className="t-dialog-actions">
          <button type="button" className="tablet-button" onClick={onClose} data-testid="meeting-dialog-close">
            Đóng
          </button>
        </div>
      </div>
    </div>
  );
}
