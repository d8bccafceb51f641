/**
 * ONVIF PullPoint, the connection we open to an ONVIF device: CreatePullPointSubscription, PullMessages
 * long-polls, Renew before the termination time (by the device's own clock difference), Unsubscribe on
 * stop; a failed pull subscribes again after the shared backoff (contract/backoff.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { backoffMs } from '../../contract/backoff.ts';
import type { FeedsConfig } from '../../contract/config.ts';
import { credFrom, fetchAuth, readLimited } from '../alerts/device-http.ts';
import type { AlertEngine } from '../alerts/engine.ts';
import { FeedReject, LIMITS, parseDeviceTime } from '../alerts/validate.ts';
import { normaliseOnvif, parseCreatePullPointResponse, parseOnvifNotifications } from './parse.ts';

const SOAP = (action: string, body: string, to?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing" xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2">
<s:Header><a:Action s:mustUnderstand="1">${action}</a:Action><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID>${to ? `<a:To s:mustUnderstand="1">${to}</a:To>` : ''}</s:Header>
<s:Body>${body}</s:Body></s:Envelope>`;

const EV = 'http://www.onvif.org/ver10/events/wsdl';
/** After a failed pull: from 2 s up to a minute between attempts to subscribe again. */
const RESUBSCRIBE = { baseMs: 2000, maxMs: 60_000 };

/** The lifetime a RenewResponse grants, from the device's own two clocks (null when it does not say). */
function renewedLifetimeMs(xml: string): number | null {
  const { currentTime, terminationTime } = parseOnvifNotifications(xml);
  const cur = parseDeviceTime(currentTime, 0);
  const end = parseDeviceTime(terminationTime, 0);
  return cur !== null && end !== null && end > cur ? end - cur : null;
}

export function startOnvifPullPoint(opts: {
  feed: FeedsConfig['onvif'][number];
  engine: AlertEngine;
  env: Record<string, string | undefined>;
  log: Logger;
  pullTimeoutS?: number;
}): { stop(): Promise<void> } {
  const { feed, engine, log } = opts;
  const cred = credFrom(opts.env, feed.userEnv, feed.passwordEnv);
  let stopped = false;
  let address: string | null = null;
  let renewAt = 0;
  let abort: AbortController | undefined;
  let failures = 0;

  const post = async (url: string, action: string, body: string, to?: string, timeoutMs = 90_000): Promise<string> => {
    abort = new AbortController();
    const res = await fetchAuth(
      url,
      {
        method: 'POST',
        headers: { 'content-type': `application/soap+xml; charset=utf-8; action="${action}"` },
        body: SOAP(action, body, to),
        signal: abort.signal,
        timeoutMs,
      },
      cred,
    );
    const text = (await readLimited(res, LIMITS.httpBodyBytes)).toString('utf8');
    if (!res.ok) throw new Error(`onvif ${action.split('/').pop()}: HTTP ${res.status}`);
    return text;
  };

  const loop = async () => {
    while (!stopped) {
      try {
        if (!address) {
          const xml = await post(
            feed.eventServiceUrl,
            `${EV}/EventPortType/CreatePullPointSubscriptionRequest`,
            `<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT${feed.subscriptionS}S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>`,
          );
          const sub = parseCreatePullPointResponse(xml);
          address = sub.address;
          // Renew at 80 % of the lifetime the device granted, measured on our clock.
          renewAt = Date.now() + 0.8 * (sub.lifetimeMs ?? feed.subscriptionS * 1000);
        }
        // Renew with a second to spare: the pull below cannot be shorter than 1 s.
        if (Date.now() + 1000 >= renewAt) {
          const renewed = await post(
            address,
            `http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest`,
            `<wsnt:Renew><wsnt:TerminationTime>PT${feed.subscriptionS}S</wsnt:TerminationTime></wsnt:Renew>`,
            address,
          );
          // The device may grant less than we asked for (as at creation): go by what it says it granted.
          renewAt = Date.now() + 0.8 * (renewedLifetimeMs(renewed) ?? feed.subscriptionS * 1000);
        }
        // The long poll must end by the renew point: a pull held past it let the subscription lapse
        // (with 20 s pulls, any lifetime under ~100 s granted or asked for), and every lapse lost events.
        const pullS = Math.max(1, Math.min(opts.pullTimeoutS ?? 20, Math.floor((renewAt - Date.now()) / 1000)));
        const xml = await post(
          address,
          `${EV}/PullPointSubscription/PullMessagesRequest`,
          `<tev:PullMessages><tev:Timeout>PT${pullS}S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>`,
          address,
        );
        failures = 0;
        await engine.ingest(feed.id, () =>
          parseOnvifNotifications(xml).notifications.map((n) => normaliseOnvif(n, { instance: feed.id, nowMs: Date.now() })),
        );
        // A successful pull is a sign of life of every camera behind this endpoint.
        await engine.handle(feed.id, {
          type: 'health',
          source: { type: 'onvif', instance: feed.id },
          cameraRefs: engine
            .cameras()
            .filter((c) => c.feed === feed.id)
            .map((c) => c.ref),
          observation: 'ok',
          fps: null,
          reason: 'pull ok',
        });
      } catch (err) {
        if (stopped) break;
        if (err instanceof FeedReject) await engine.recordReject(feed.id, err.reason, err.detail);
        log.warn({ feed: feed.id, err: (err as Error).message }, 'onvif pull failed; subscribing again');
        address = null;
        failures++;
        for (const c of engine.cameras().filter((x) => x.feed === feed.id))
          await engine.handle(feed.id, {
            type: 'health',
            source: { type: 'onvif', instance: feed.id },
            cameraRefs: [c.ref],
            observation: 'down',
            fps: null,
            reason: 'pull failed',
          });
        // The wait ends early on stop(), so a stopped client is gone at once rather than up to a minute later.
        await new Promise<void>((r) => {
          const t = setTimeout(r, backoffMs(failures, RESUBSCRIBE));
          wakeOnStop = () => (clearTimeout(t), r());
        });
        wakeOnStop = null;
      }
    }
  };
  let wakeOnStop: (() => void) | null = null;
  void loop();
  return {
    async stop() {
      if (stopped) return; // once: a second stop must not unsubscribe again
      stopped = true;
      wakeOnStop?.();
      abort?.abort();
      // A short timeout: a device that never answers must not hold up our shutdown for the 90 s of a pull.
      if (address)
        await post(
          address,
          'http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest',
          '<wsnt:Unsubscribe/>',
          address,
          5000,
        ).catch(() => {});
    },
  };
}
