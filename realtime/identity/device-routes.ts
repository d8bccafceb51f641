/**
 * Screens pair themselves, staff enrol them, and a revoked screen is cut off at once on every node:
 *   POST /api/pairings → PairingStart (a screen with no credential; shows `code`)
 *   POST /api/pairings/:id/claim { claimSecret } → PairingClaim; `paired` sets the ioc_device cookie
 *   GET /api/devices (staff) → DeviceInfo[];  POST /api/devices { code, screen, name } (staff) → 201 DeviceInfo
 *   DELETE /api/devices/:id (staff) → 204; the device's sockets on every node are disconnected
 */
import type { Express } from 'express';
import type { Server } from 'socket.io';
import type { Config } from '../../contract/config.ts';
import { EnrolRequestSchema, PairingClaimRequestSchema, type PairingClaim, type PairingStart } from '../../contract/identity.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import { PairingError } from '../../center/devices.ts';
import { toDeviceInfo } from '../../center/device-rows.ts';
import { clientIp, setDeviceCookie } from './http.ts';
import { actorOf, apiError, requireStaff } from './guard.ts';
import { isKnownScreen } from './screen-scope.ts';
import type { IdentityServices } from './services.ts';

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/i;

export function installDeviceRoutes(app: Express, io: Server, config: Config, ids: IdentityServices): void {
  const { devices, audit } = ids;

  app.post('/api/pairings', async (_req, res) => {
    try {
      const p = await devices.startPairing();
      const body: PairingStart = {
        pairingId: p.pairingId,
        code: p.code,
        claimSecret: p.claimSecret,
        expiresAt: p.expiresAt.toISOString(),
      };
      res.status(201).set('Cache-Control', 'no-store').json(body);
    } catch (err) {
      if (err instanceof PairingError) return apiError(res, 503, 'internal', err.message);
      throw err;
    }
  });

  app.post('/api/pairings/:id/claim', async (req, res) => {
    const body = PairingClaimRequestSchema.safeParse(req.body);
    if (!body.success || !ID.test(req.params.id))
      return apiError(res, 400, 'invalid-payload', body.success ? 'bad pairing id' : describeZodError(body.error));
    const claim = await devices.claim(req.params.id, body.data.claimSecret);
    res.set('Cache-Control', 'no-store');
    if (claim.status !== 'paired') return res.json(claim satisfies PairingClaim);
    setDeviceCookie(req, res, claim.credential);
    await audit.record({
      actor: { kind: 'device', id: claim.device.id, name: claim.device.name },
      action: 'device.claim',
      target: `device:${claim.device.id}`,
      outcome: 'ok',
      ip: clientIp(req),
    });
    res.json({ status: 'paired', device: toDeviceInfo(claim.device) } satisfies PairingClaim);
  });

  app.get('/api/devices', async (req, res) => {
    if (!requireStaff(req, res)) return;
    res.json((await devices.list({ includeRevoked: req.query.revoked === '1' })).map(toDeviceInfo));
  });

  app.post('/api/devices', async (req, res) => {
    const p = requireStaff(req, res);
    if (!p) return;
    const body = EnrolRequestSchema.safeParse(req.body);
    if (!body.success) return apiError(res, 400, 'invalid-payload', describeZodError(body.error));
    const { code, screen, name } = body.data;
    const ip = clientIp(req);
    if (!isKnownScreen(config, screen)) return apiError(res, 400, 'unknown-screen', `unknown screen: ${screen}`);
    const device = await devices.enrol(code, { screen, name, by: p.id });
    if (!device) {
      await audit.record({
        actor: actorOf(p),
        action: 'device.enrol',
        outcome: 'refused',
        ip,
        detail: { reason: 'unknown-code', screen },
      });
      return apiError(res, 404, 'unknown-code', 'no screen is waiting with this code (it may have expired)');
    }
    await audit.record({
      actor: actorOf(p),
      action: 'device.enrol',
      target: `device:${device.id}`,
      outcome: 'ok',
      ip,
      detail: { screen, name },
    });
    res.status(201).json(toDeviceInfo(device));
  });

  app.delete('/api/devices/:id', async (req, res) => {
    const p = requireStaff(req, res);
    if (!p) return;
    if (!ID.test(req.params.id)) return apiError(res, 400, 'invalid-payload', 'bad device id');
    const device = await devices.revoke(req.params.id, p.id);
    if (!device) return apiError(res, 404, 'not-found', 'no such live device');
    // Through the adapter: the screen's sockets on every node are closed now, not at their next request.
    io.in(`device:${device.id}`).disconnectSockets(true);
    await audit.record({
      actor: actorOf(p),
      action: 'device.revoke',
      target: `device:${device.id}`,
      outcome: 'ok',
      ip: clientIp(req),
    });
    res.status(204).end();
  });
}
