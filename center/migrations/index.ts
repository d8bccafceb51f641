/**
 * Every migration, in order. Listed by hand rather than globbed, so they travel with the code whatever
 * runs it (tsx, a bundle, tests) and a missing file is a type error. Names never change once released.
 */
import type { MigrationParams } from 'umzug';
import type { Queryable } from '../../reporting-db/db.ts';
import * as identity from './0001-identity.ts';
import * as valueHistory from './0002-value-history.ts';
import * as notes from './0003-notes.ts';
import * as configHistory from './0005-config-history.ts';

export interface CenterMigration {
  name: string;
  up(params: MigrationParams<Queryable>): Promise<void>;
}

export const MIGRATIONS: CenterMigration[] = [
  { name: '0001-identity', up: identity.up },
  { name: '0002-value-history', up: valueHistory.up },
  { name: '0003-notes', up: notes.up },
  { name: '0005-config-history', up: configHistory.up },
];
