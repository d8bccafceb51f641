/**
 * Demo mode: Hikvision ITS cameras posting EventNotificationAlert XML (ANPR as multipart with the plate
 * picture) to our own webhook, with heartbeats every 10 s, so the demo exercises the real webhook route.
 */
import type { Logger } from 'pino';
import type { CameraConfig } from '../../contract/config.ts';
import { vnIsoString } from '../../contract/vn-time.ts';
import { DEMO_JPEG } from './jpeg.ts';

const AID = [
  'illegalParking',
  'illegalParking',
  'wrongDirection',
  'congestion',
  'crossLane',
  'pedestrian',
  'trafficAccident',
  'smoke',
];
const PLATES = ['79A-123.45', '85C-067.89', '79H1-234.56', '51F-888.01', '85A-002.17', '79D-456.78'];

/** An EventNotificationAlert as an ITS camera posts it (+07:00 device time; some devices drift). */
export function hikvisionDemoXml(cam: CameraConfig, kind: 'aid' | 'anpr' | 'heartbeat', nowMs = Date.now()): string {
  const [serial, channel] = cam.ref.split('/');
  const drift = cam.id.endsWith('ca-na') ? 9 * 60_000 : 0; // one camera with a clock 9 minutes slow
  const t = vnIsoString(nowMs - drift);
  const type = kind === 'aid' ? 'AID' : kind === 'anpr' ? 'ANPR' : 'videoloss';
  const aid =
    kind === 'aid' ? `<AID><illegalTrafficEvent>${AID[Math.floor(Math.random() * AID.length)]}</illegalTrafficEvent></AID>` : '';
  const anpr =
    kind === 'anpr'
      ? `<ANPR><licensePlate>${PLATES[Math.floor(Math.random() * PLATES.length)]}</licensePlate><confidenceLevel>${80 + Math.floor(Math.random() * 19)}</confidenceLevel><plateColor>white</plateColor></ANPR><UUID>${crypto.randomUUID()}</UUID>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
<ipAddress>10.20.2.${Number(channel) + 10}</ipAddress><portNo>80</portNo><protocol>HTTP</protocol><macAddress>44:19:b6:00:00:0${channel}</macAddress>
<channelID>${Number(channel) + 32}</channelID><dateTime>${t}</dateTime><activePostCount>1</activePostCount>
<eventType>${type}</eventType><eventState>${kind === 'heartbeat' ? 'inactive' : 'active'}</eventState><eventDescription>${type} alarm</eventDescription>
<channelName>${cam.name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</channelName>${aid}${anpr}
<Extensions><serialNumber>${serial}</serialNumber></Extensions>
</EventNotificationAlert>`;
}

/** Hikvision ITS cameras posting to our webhook (XML; ANPR as multipart with the plate picture). */
export function startDemoHikvision(opts: {
  cameras: CameraConfig[];
  webhookUrl: string;
  key: string;
  eventsPerMinute?: number;
  log: Logger;
}): { stop(): void } {
  const rate = opts.eventsPerMinute ?? 3;
  let beat = 0;
  const post = async (body: BodyInit, headers: Record<string, string>) => {
    try {
      const res = await fetch(`${opts.webhookUrl}?key=${encodeURIComponent(opts.key)}`, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(5000),
      });
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      opts.log.debug({ err: (err as Error).message }, 'demo hikvision post failed');
    }
  };
  const timer = setInterval(() => {
    // Heartbeats from every camera every 10 s (what keeps them "online").
    if (beat++ % 10 === 0)
      for (const c of opts.cameras) void post(hikvisionDemoXml(c, 'heartbeat'), { 'content-type': 'application/xml' });
    if (Math.random() > rate / 60) return;
    const cam = opts.cameras[Math.floor(Math.random() * opts.cameras.length)];
    if (!cam) return;
    if (Math.random() < 0.4) {
      const fd = new FormData();
      fd.append('anpr.xml', new Blob([hikvisionDemoXml(cam, 'anpr')], { type: 'application/xml' }), 'anpr.xml');
      fd.append(
        'licensePlatePicture.jpg',
        new Blob([new Uint8Array(DEMO_JPEG)], { type: 'image/jpeg' }),
        'licensePlatePicture.jpg',
      );
      void post(fd, {});
    } else void post(hikvisionDemoXml(cam, 'aid'), { 'content-type': 'application/xml' });
  }, 1000);
  return { stop: () => clearInterval(timer) };
}
