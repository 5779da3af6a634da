import { describe, expect, it } from 'vitest';
import { isPersonalAccount, BUILT_IN_PERSONAL_DESTINATIONS } from '../../shared/destinations';
import { accountDomainFrom } from './signed-in-account';

const gmail = BUILT_IN_PERSONAL_DESTINATIONS.find((d) => d.id === 'gmail')!;
const yahoo = BUILT_IN_PERSONAL_DESTINATIONS.find((d) => d.id === 'yahoo-mail')!;

describe('accountDomainFrom', () => {
  it('reads the domain from Gmail’s title or the account button, title first', () => {
    expect(accountDomainFrom(['Inbox (3) - Jane.Doe@Gmail.com - Gmail'])).toBe('gmail.com');
    expect(accountDomainFrom(['Inbox - Acme Mail', 'Google Account: Jane Doe  \n(jane@acme-corp.com)'])).toBe('acme-corp.com');
    expect(accountDomainFrom(['My Drive - Google Drive', null, 'Google Account: J (j@googlemail.com)'])).toBe('googlemail.com');
  });

  it('finds nothing where no address is shown', () => {
    expect(accountDomainFrom(['Inbox', 'Google Account: Jane Doe', undefined])).toBeUndefined();
  });
});

describe('isPersonalAccount', () => {
  it('tells a personal Gmail from a Workspace account, and treats an unknown account as personal', () => {
    expect(isPersonalAccount(gmail, 'gmail.com')).toBe(true);
    expect(isPersonalAccount(gmail, 'acme-corp.com')).toBe(false);
    expect(isPersonalAccount(gmail, undefined)).toBe(true);
    // A Google account registered with another consumer address (Drive without Gmail) is personal too.
    expect(isPersonalAccount(gmail, 'yahoo.com')).toBe(true);
  });

  it('counts every account as personal on sites without a corporate flavour', () => {
    expect(isPersonalAccount(yahoo, 'acme-corp.com')).toBe(true);
  });
});
