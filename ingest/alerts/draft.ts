/**
 * The one way a parser writes an alert draft: the fields that identify the event, plus only those that
 * differ from the defaults below (no score, no plate, active, no device time, no snapshot …).
 */
import type { AlertDraft } from './model.ts';
import { severityFor } from './validate.ts';

/** What every draft must say: where it comes from, which event and camera, what it is, and since when. */
type Identity = 'source' | 'dedupeKey' | 'cameraRefs' | 'kind' | 'label' | 'startedAtMs';

export type DraftFields = Pick<AlertDraft, Identity> & Partial<Omit<AlertDraft, Identity | 'type'>>;

export function draftAlert(fields: DraftFields): AlertDraft {
  return {
    type: 'draft',
    sourceEventId: null,
    levelKey: null,
    subLabel: null,
    plate: null,
    // The kind's default severity (feeds.md §6); a parser that raises it says so.
    severity: severityFor(fields.kind),
    score: null,
    state: 'active',
    endedAtMs: null,
    deviceTimeMs: null,
    deviceTimeRaw: null,
    zone: null,
    bbox: null,
    snapshot: null,
    closesByIdle: false,
    location: null,
    repairs: [],
    ...fields,
  };
}
