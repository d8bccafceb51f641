/** config/sources.yaml: how the reporting database is read, and the camera and AI feed sources. */
import { z } from 'zod';
import { id } from './common.ts';

/**
 * Camera and AI feed sources (sources.yaml `feeds:`). Secrets are never in YAML: each `…Env` names the
 * environment variable that holds it, so credentials stay on the server and never reach a browser.
 * Every source id is unique across kinds: it is the `:source` of POST /api/feeds/:source/events.
 */
const envName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable NAME such as FRIGATE_NT_PASSWORD (never the secret itself)');
const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');
const feedTimings = {
  /** Level-triggered events (no end message) are closed after this long without a repeat. */
  idleTimeoutMs: z.number().int().min(1000).max(3_600_000).optional(),
};
export const FeedsSchema = z
  .object({
    frigate: z
      .array(
        z
          .object({
            id,
            name: z.string().min(1).optional(),
            /** MQTT broker Frigate publishes to; omit to use HTTP only. */
            mqttUrl: z
              .string()
              .regex(/^mqtts?:\/\/[^\s]+$/, 'an mqtt:// or mqtts:// URL')
              .optional(),
            topicPrefix: z
              .string()
              .regex(/^[A-Za-z0-9_\-/]{1,64}$/)
              .default('frigate'),
            mqttUserEnv: envName.optional(),
            mqttPasswordEnv: envName.optional(),
            /** Frigate HTTP API (port 5000 internal, or 8971 with login) for backfill, health and snapshots. */
            httpUrl: httpUrl.optional(),
            httpUserEnv: envName.optional(),
            httpPasswordEnv: envName.optional(),
            /** Reconciliation poll of /api/events and /api/review. */
            pollIntervalMs: z.number().int().min(1000).max(3_600_000).default(30_000),
            /** `after=` filters on start time: each poll looks back this far again. */
            overlapWindowMs: z.number().int().min(0).max(86_400_000).default(300_000),
            /** /api/stats poll for camera health. */
            statsIntervalMs: z.number().int().min(1000).max(3_600_000).default(15_000),
            /** Tracked objects that never get an `end` (false positive at the end) are closed after this. */
            staleAfterMs: z.number().int().min(10_000).max(86_400_000).default(1_800_000),
          })
          .strict(),
      )
      .default([]),
    hikvision: z
      .array(
        z
          .object({
            id,
            name: z.string().min(1).optional(),
            /** Devices post to /api/feeds/<id>/events with this key (?key=, X-Feed-Key or Bearer). */
            keyEnv: envName,
            /** Optional alertStream long-poll of one device (we connect; digest/basic auth). */
            alertStreamUrl: httpUrl.optional(),
            userEnv: envName.optional(),
            passwordEnv: envName.optional(),
            ...feedTimings,
          })
          .strict(),
      )
      .default([]),
    onvif: z
      .array(
        z
          .object({
            id,
            name: z.string().min(1).optional(),
            /** The device's event service (…/onvif/event_service or …/onvif/services). */
            eventServiceUrl: httpUrl,
            userEnv: envName.optional(),
            passwordEnv: envName.optional(),
            /** Subscription length asked for; renewed at 80 % of it. */
            subscriptionS: z.number().int().min(30).max(86_400).default(300),
            ...feedTimings,
          })
          .strict(),
      )
      .default([]),
    webhook: z.array(z.object({ id, name: z.string().min(1).optional(), keyEnv: envName, ...feedTimings }).strict()).default([]),
    /** Device clock off by more than this from ours: the alert is flagged clockSuspect. */
    clockSkewToleranceMs: z.number().int().min(1000).max(86_400_000).default(120_000),
    /** Default idle timeout of level-triggered sources (Hikvision, ONVIF, webhooks without an end). */
    idleTimeoutMs: z.number().int().min(1000).max(3_600_000).default(10_000),
    /** A camera is declared offline only after this many missed health intervals (hysteresis). */
    offlineAfterMissed: z.number().int().min(1).max(20).default(2),
  })
  .strict();
export type FeedsConfig = z.infer<typeof FeedsSchema>;

export const SourcesSchema = z
  .object({
    reporting: z
      .object({
        /** Fallback polling interval on `updated_at`. */
        pollIntervalMs: z.number().int().min(50).max(3_600_000).default(1000),
        /** How far back each poll looks again, to catch transactions that commit late. */
        lateCommitWindowMs: z.number().int().min(0).max(3_600_000).default(10_000),
        /** Use LISTEN ioc_report_values when the database sends notifications. */
        listen: z.boolean().default(true),
        /** Years of history kept live (the current year and this many before it). */
        historyYears: z.number().int().min(1).max(10).default(2),
      })
      .strict(),
    /** Camera and AI feeds (FeedsSchema above); none configured is fine. */
    feeds: FeedsSchema.optional(),
  })
  .strict();
export type SourcesConfig = z.infer<typeof SourcesSchema>;
