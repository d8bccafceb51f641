/**
 * The ingest process's stable identity: the owner name of its locks (the reporting poller) and of its
 * durable feed sessions (Frigate MQTT). Stable across restarts, so a process killed and started again
 * recognises its own lock and takes it over at once instead of waiting for the TTL; distinct between
 * processes, so two replicas never pass for one. Not the pid: a restarted process has another.
 *
 * IOC_INSTANCE_ID when set (containers whose hostname changes on restart, several replicas sharing a
 * data folder); otherwise the host name and a short hash of the data folder's absolute path, so
 * replicas on one host with their own DATA_DIR are told apart.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

export function ingestInstanceId(explicit: string | undefined, dataDir: string, host: string = hostname()): string {
  const given = explicit?.trim();
  if (given) return given;
  const folder = createHash('sha1').update(resolve(dataDir)).digest('hex').slice(0, 8);
  return `${host}:${folder}`;
}
