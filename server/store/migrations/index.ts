import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial';
import * as riskActivity from './0002-risk-activity';
import * as activityDays from './0003-activity-days';
import * as consoleTables from './0004-console';
import * as integrationsOutbox from './0007-integrations-outbox';
import * as deviceCoverage from './0006-device-coverage';
import * as notableEventsIndex from './0008-notable-events-index';
import * as directoryRoles from './0009-directory-roles';
import * as identities from './0010-identities';
import * as alertCases from './0013-alert-cases';
import * as changeWindows from './0012-change-windows';
import * as exfiltrationFacts from './0012b-exfiltration-facts';
import * as consoleAtScale from './0015-console-at-scale';
import * as overLimitViews from './0016-over-limit-views';
import * as directoryHireDates from './0017-directory-hire-dates';

/** Append-only: a released migration is never edited; a change is a new file listed here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-risk-activity': riskActivity,
  '0003-activity-days': activityDays,
  '0004-console': consoleTables,
  '0007-integrations-outbox': integrationsOutbox,
  '0006-device-coverage': deviceCoverage,
  '0008-notable-events-index': notableEventsIndex,
  '0009-directory-roles': directoryRoles,
  '0010-identities': identities,
  '0013-alert-cases': alertCases,
  '0012-change-windows': changeWindows,
  '0012b-exfiltration-facts': exfiltrationFacts,
  '0015-console-at-scale': consoleAtScale,
  '0016-over-limit-views': overLimitViews,
  '0017-directory-hire-dates': directoryHireDates,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
