import type { SentEntry } from './sent-log';

/**
 * The popup in the employee's language: a small typed dictionary chosen from `navigator.languages`
 * (Chromium sets them from the browser's UI language). Every language must supply every message,
 * which the type checks; anything not Russian falls back to English.
 */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base ?? '')) return base as Language;
  }
  return 'en';
}

export interface PopupMessages {
  intro: string;
  server: string;
  enrolledAs: string;
  verifiedByCompany: string;
  notVerified: string;
  connectionLabel: string;
  /** The connection as it is, in plain words; `since` is a local time already formatted. */
  connection(state: { enrolled: boolean; reachable?: boolean; since?: string; waiting: number }): string;
  notEnrolled: string;
  notSet: string;
  watchesHeading: string;
  watches(copyMin: number, pasteMin: number): string[];
  sitesHeading: string;
  crmSite: string;
  personalSite: string;
  reportedHeading(count: number): string;
  nothingReported: string;
  heartbeats(count: number): string;
  describe(entry: SentEntry, size: (bytes: number) => string): string;
  settings: string;
  /** The button that downloads everything the server stores about the employee. */
  myData: string;
  myDataFailed: string;
}

/** `forms` by Intl plural category; English needs one/other, Russian one/few/many. */
function plural(language: Language, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) {
  const form = forms[new Intl.PluralRules(language).select(n)] ?? forms.other;
  return `${n.toLocaleString(language)} ${form}`;
}

const en: PopupMessages = {
  intro: 'Your employer runs this extension to notice client data leaving the CRM. It reports counts, sizes and file names, never the content itself.',
  enrolledAs: 'Enrolled as', verifiedByCompany: 'verified by your company sign-in', notVerified: 'as stated by this browser, not verified', server: 'Server', connectionLabel: 'Connection', notEnrolled: 'not enrolled yet', notSet: 'not set',
  connection({ enrolled, reachable, since, waiting }) {
    const queued = waiting === 0 ? 'nothing waiting' : `${plural('en', waiting, { one: 'event', other: 'events' })} waiting`;
    if (!enrolled) return `not connected yet, ${queued}`;
    return reachable === false ? `server unreachable since ${since}, ${queued}` : `connected, ${queued}`;
  },
  watchesHeading: 'What it watches',
  watches: (copyMin, pasteMin) => [
    'Files you download or export from the CRM: name, size, rows and how many e-mail addresses they hold',
    `Copying or cutting ${copyMin} or more e-mail addresses or phone numbers on CRM pages: how many, not which`,
    'CRM records you open and pages you print: a coded record number, never the record itself',
    `Files you upload to personal sites, and pasting ${pasteMin} or more contacts there: name, size, how many`,
    'An hourly status report: the extension version and how many events wait to be sent',
  ],
  sitesHeading: 'On these sites',
  crmSite: 'CRM', personalSite: 'personal',
  reportedHeading: (n) => `Reported from this browser in the last 30 days (${n})`,
  nothingReported: 'Nothing was reported from this browser in the last 30 days.',
  heartbeats: (n) => plural('en', n, { one: 'hourly status report', other: 'hourly status reports' }),
  describe(e, size) {
    const contacts = () => `${plural('en', e.emails ?? 0, { one: 'e-mail address', other: 'e-mail addresses' })} and ${plural('en', e.phones ?? 0, { one: 'phone number', other: 'phone numbers' })}`;
    switch (e.type) {
      case 'crm.export': return `Exported ${e.fileName}${e.rows !== undefined ? ` (${plural('en', e.rows, { one: 'row', other: 'rows' })})` : ''} from ${e.site}`;
      case 'crm.copy': return `${e.action === 'cut' ? 'Cut' : 'Copied'} ${contacts()} on ${e.site}`;
      case 'crm.record_view': return `Opened a CRM record on ${e.site}`;
      case 'crm.print': return `Printed a CRM page on ${e.site}`;
      case 'webmail.upload': return `Uploaded ${e.fileName} (${size(e.sizeBytes ?? 0)}) to ${e.site}`;
      case 'webmail.paste': return `Pasted ${contacts()} into ${e.site}`;
      case 'agent.heartbeat': return 'Status report';
      case 'crm.list_view': return `Saw ${plural('en', e.emails ?? 0, { one: 'contact', other: 'contacts' })} on a CRM list on ${e.site} (fingerprints only)`;
      case 'webmail.justification': return `Sent a justification for an upload or paste on ${e.site}`;
      case 'crm.record_view_reason': return `Gave a reason for opening a CRM record again on ${e.site}`;
      case 'agent.notice_acknowledged': return 'Acknowledged the notice about this extension';
      case 'agent.tamper': return `A protection check on ${e.site}: ${e.signal?.replace(/_/g, ' ')}`;
    }
  },
  settings: 'Settings',
  myData: 'Download everything stored about me',
  myDataFailed: 'The download failed; try again later or ask your IT department.',
};

const ru: PopupMessages = {
  intro: 'Ваш работодатель использует это расширение, чтобы замечать, когда данные клиентов уходят из CRM. Оно сообщает количества, размеры и имена файлов, но никогда не само содержимое.',
  enrolledAs: 'Зарегистрировано на', verifiedByCompany: 'подтверждено входом в учётную запись компании', notVerified: 'со слов этого браузера, не подтверждено', server: 'Сервер', connectionLabel: 'Связь', notEnrolled: 'ещё не зарегистрировано', notSet: 'не задано',
  connection({ enrolled, reachable, since, waiting }) {
    const queued = waiting === 0 ? 'очередь пуста' : `ожидает отправки: ${plural('ru', waiting, { one: 'событие', few: 'события', many: 'событий', other: 'события' })}`;
    if (!enrolled) return `ещё не подключено, ${queued}`;
    return reachable === false ? `сервер недоступен с ${since}, ${queued}` : `подключено, ${queued}`;
  },
  watchesHeading: 'За чем оно следит',
  watches: (copyMin, pasteMin) => [
    'Файлы, которые вы скачиваете или экспортируете из CRM: имя, размер, число строк и адресов эл. почты в них',
    `Копирование или вырезание на страницах CRM от ${copyMin} адресов эл. почты или телефонов: сколько, но не какие`,
    'Записи CRM, которые вы открываете, и страницы, которые печатаете: закодированный номер записи, не её содержимое',
    `Файлы, которые вы загружаете на личные сайты, и вставка туда от ${pasteMin} контактов: имя, размер, количество`,
    'Ежечасный отчёт о состоянии: версия расширения и сколько событий ждёт отправки',
  ],
  sitesHeading: 'На этих сайтах',
  crmSite: 'CRM', personalSite: 'личный',
  reportedHeading: (n) => `Отправлено из этого браузера за последние 30 дней (${n})`,
  nothingReported: 'За последние 30 дней из этого браузера ничего не отправлялось.',
  heartbeats: (n) => plural('ru', n, { one: 'ежечасный отчёт о состоянии', few: 'ежечасных отчёта о состоянии', many: 'ежечасных отчётов о состоянии', other: 'ежечасного отчёта о состоянии' }),
  describe(e, size) {
    const contacts = () => `${plural('ru', e.emails ?? 0, { one: 'адрес эл. почты', few: 'адреса эл. почты', many: 'адресов эл. почты', other: 'адреса эл. почты' })} и ${plural('ru', e.phones ?? 0, { one: 'телефон', few: 'телефона', many: 'телефонов', other: 'телефона' })}`;
    switch (e.type) {
      case 'crm.export': return `Экспорт файла ${e.fileName}${e.rows !== undefined ? ` (${plural('ru', e.rows, { one: 'строка', few: 'строки', many: 'строк', other: 'строки' })})` : ''} с ${e.site}`;
      case 'crm.copy': return `${e.action === 'cut' ? 'Вырезано' : 'Скопировано'}: ${contacts()} на ${e.site}`;
      case 'crm.record_view': return `Открыта запись CRM на ${e.site}`;
      case 'crm.print': return `Напечатана страница CRM на ${e.site}`;
      case 'webmail.upload': return `Загружен файл ${e.fileName} (${size(e.sizeBytes ?? 0)}) на ${e.site}`;
      case 'webmail.paste': return `Вставлено: ${contacts()} на ${e.site}`;
      case 'agent.heartbeat': return 'Отчёт о состоянии';
      case 'crm.list_view': return `Список CRM на ${e.site}: ${plural('ru', e.emails ?? 0, { one: 'контакт', few: 'контакта', many: 'контактов', other: 'контакта' })} (только отпечатки)`;
      case 'webmail.justification': return `Отправлено пояснение к загрузке или вставке на ${e.site}`;
      case 'crm.record_view_reason': return `Указана причина повторного открытия записи CRM на ${e.site}`;
      case 'agent.notice_acknowledged': return 'Уведомление о расширении прочитано';
      case 'agent.tamper': return `Проверка защиты на ${e.site}: ${e.signal?.replace(/_/g, ' ')}`;
    }
  },
  settings: 'Настройки',
  myData: 'Скачать всё, что хранится обо мне',
  myDataFailed: 'Не удалось скачать; попробуйте позже или обратитесь в ИТ-отдел.',
};

export const MESSAGES: Record<Language, PopupMessages> = { en, ru };

/** A byte count as the language writes it, e.g. `4 kB` / `4 кБ`. */
export function formatSize(language: Language, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
}
