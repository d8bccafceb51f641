/**
 * Is a group's change feed continuous? Decided per update, from the version the feed carried last for
 * that group and the state this node has cached. Pure, so every case is a row of a table test.
 *
 * A group's version grows by exactly 1 per update, so the feed tells by itself when it broke: a jump is a
 * gap this node cannot fill (the capped feed was trimmed past it); a version at or below the last one
 * means the store started again (e.g. it was emptied and ingest wrote version 1). Before the feed has
 * carried anything for a group, the cached snapshot is the reference: an update at or below its version
 * is one the snapshot already holds (the feed lags the snapshot read), unless it was written after the
 * snapshot's last write — then the store restarted before this node saw the group's feed.
 */
import type { ResyncReason } from '../contract/messages.ts';

/** `apply`: the next version (or nothing is cached: relay it); `skip`: already in the snapshot. */
export type FeedStep = 'apply' | 'skip' | ResyncReason;

export interface VersionAt {
  version: number;
  /** ISO-8601 time of the write (the same writer's clock for one group). */
  at: string;
}

export function feedStep(lastFeedVersion: number | undefined, cached: VersionAt | undefined, update: VersionAt): FeedStep {
  if (lastFeedVersion !== undefined) {
    if (update.version <= lastFeedVersion) return 'feed-restarted';
    if (update.version > lastFeedVersion + 1) return 'feed-gap';
  }
  if (!cached) return 'apply';
  if (update.version === cached.version + 1) return 'apply';
  if (update.version > cached.version + 1) return 'feed-gap';
  return update.at > cached.at ? 'feed-restarted' : 'skip';
}
