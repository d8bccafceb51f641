/**
 * A wall screen with no credential: the pairing code, large enough to read across the room, the screen
 * it is for, what to do with it, and how long it is valid. Full-canvas and dark like every wall message.
 * The kiosk that drives the screen (if any) gets its local heartbeat here too, so it leaves the page
 * alone instead of reloading it (which would only show a new code).
 */
import { useEffect, useState } from 'react';
import { Canvas } from '../walls/Canvas.tsx';
import { heapBytes, kioskSignal } from '../walls/agent.ts';
import { countdownText, type WallAccess } from './machine.ts';
import './pairing.css';

const DESIGN = { width: 1920, height: 1080 };

/** Now, every second (the countdown). */
function useSeconds(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function PairingView({ screen, access }: { screen: string; access: Exclude<WallAccess, { phase: 'checking' | 'wall' }> }) {
  const now = useSeconds();
  useEffect(() => {
    document.title = `Ghép nối màn hình · ${screen}`;
    const beat = () => kioskSignal({ type: 'beat', page: null, heapBytes: heapBytes() });
    beat();
    const t = setInterval(beat, 5000);
    return () => clearInterval(t);
  }, [screen]);

  const code = access.phase === 'pairing' ? access.pairing.code : null;
  const problem = access.phase === 'pairing' || access.phase === 'pairing-start' ? access.problem : null;
  return (
    <Canvas design={DESIGN}>
      <main className="pairing" data-testid="pairing-view" data-phase={access.phase} data-code={code ?? ''}>
        <div className="pairing-head">Màn hình chưa được ghép nối</div>
        {code ? (
          <>
            <div className="pairing-label">Mã ghép nối</div>
            <div className="pairing-code" data-testid="pairing-code" aria-label={code.split('').join(' ')}>
              <span>{code.slice(0, 3)}</span>
              <span>{code.slice(3)}</span>
            </div>
            <p className="pairing-how">Chuyên viên nhập mã này tại trang Quản trị → Thiết bị</p>
            <div className="pairing-meta">
              <span>
                Màn hình: <strong data-testid="pairing-screen">{screen}</strong>
              </span>
              {access.phase === 'pairing' ? (
                <span data-testid="pairing-expiry">Mã hết hạn sau {countdownText(access.expiresAtMs, now)}</span>
              ) : null}
            </div>
          </>
        ) : access.phase === 'paired' ? (
          <div className="pairing-label" role="status">
            Đã ghép nối — đang mở màn hình…
          </div>
        ) : (
          <>
            <div className="spinner" aria-hidden="true" />
            <div className="pairing-label" role="status">
              Đang lấy mã ghép nối…
            </div>
            <div className="pairing-meta">
              <span>
                Màn hình: <strong data-testid="pairing-screen">{screen}</strong>
              </span>
            </div>
          </>
        )}
        {problem ? (
          <div className="pairing-problem" role="alert">
            ⚠ {problem} — đang thử lại
          </div>
        ) : null}
      </main>
    </Canvas>
  );
}
