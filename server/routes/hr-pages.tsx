import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HrSignal } from '../../shared/api';
import { ApiError } from '../http/errors';
import { formInput, pageAction } from '../http/forms';
import { parseHrCsv } from '../people/hr-csv';
import { importHrFile, importSummary } from '../people/hr-import';
import { requirePage } from '../auth/page-auth';
import { displayName, pseudonymId } from '../people/pseudonyms';
import { HrPage, type HrPageProps } from '../views/hr';
import type { AppEnv } from '../env';
import { recordHrSignals } from '../people/hr-signals';
import { tooLarge } from './limits';
import { readForm } from '../http/read-form';

const HR = ['admin', 'hr'] as const;

async function hrPage(c: Context<AppEnv>, extra: Omit<HrPageProps, 'viewer' | 'recent'> = {}, status: 200 | 400 | 404 | 409 = 200) {
  const key = await c.var.services.pseudonymKey();
  const all = [...(await c.var.services.store.allHrSignals()).values()].flat();
  const recent = all.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 50)
    .map((s) => ({ name: displayName(key, c.var.person.role, s.employee), pid: pseudonymId(key, s.employee), kind: s.kind, effectiveDate: s.effectiveDate, source: s.source }));
  return c.html(<HrPage viewer={c.var.person} recent={recent} {...extra} />, status);
}

const back = (c: Context<AppEnv>) => (error: string, status: 400 | 404 | 409) => hrPage(c, { error }, status);

export const hrPageRoutes = new Hono<AppEnv>()
  .get('/hr', requirePage(...HR), (c) => hrPage(c))
  .post('/hr/signals', requirePage(...HR), (c) =>
    pageAction(c, async () => {
      const signal = await formInput(c, HrSignal);
      const added = await recordHrSignals(c.var.services, [signal], [], 'console');
      return hrPage(c, { info: added ? 'Signal recorded; the score has been updated.' : 'That signal was already recorded.' });
    }, back(c)))
  // The size limit wraps the body before the CSRF check reads it.
  .post('/hr/import', bodyLimit({ maxSize: 32 * 1024 * 1024, onError: tooLarge }), requirePage(...HR), (c) =>
    pageAction(c, async () => {
      const file = (await readForm(c)).file;
      if (!(file instanceof File)) throw new ApiError(400, 'invalid_input', 'file: choose a CSV file');
      let parsed;
      try {
        parsed = parseHrCsv(await file.text());
      } catch (error) {
        throw new ApiError(400, 'invalid_csv', `The file was not imported: ${(error as Error).message}.`);
      }
      const report = await importHrFile(c.var.services, c.var.person, parsed, 'console');
      return hrPage(c, { info: importSummary(report), importErrors: report.errors, unknownPeople: report.unknown });
    }, back(c)));
