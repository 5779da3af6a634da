import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial';

/** Append-only: a released migration is never edited; a change is a new file listed here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
