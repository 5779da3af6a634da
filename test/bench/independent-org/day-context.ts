import { HUBSPOT_CONTACTS, SALESFORCE_CONTACTS } from './contact-book';
import type { EventWriter } from './event-writer';
import type { Book, Person } from './people';
import type { Prng } from './prng';
import { momentIn, type Session } from './workday';

/** Multipliers on a person's usual volumes for one day. */
export interface Factors {
  recordViews: number;
  listViews: number;
  copies: number;
  exports: number;
  prints: number;
}

export const NEUTRAL: Factors = { recordViews: 1, listViews: 1, copies: 1, exports: 1, prints: 1 };

/** One person's working day: when they are at the browser, and the writer their actions go to. */
export class DayContext {
  constructor(
    readonly person: Person,
    readonly day: number,
    readonly sessions: readonly Session[],
    readonly rng: Prng,
    readonly writer: EventWriter,
    /** The evening at home a story asked for, when it did. */
    readonly home?: Session,
  ) {}

  /** A random moment of today's work (of the evening at home on a day without work). */
  moment(): number {
    return momentIn(this.sessions.length > 0 ? this.sessions : [this.home!], this.rng);
  }

  /** A moment of the evening at home, or of the working day when there is none. */
  atHome(): number {
    return this.home ? momentIn([this.home], this.rng) : this.moment();
  }

  /**
   * Some minutes after `ms`, kept inside today's last session so the browser is open for it; what would
   * fall after the session happens in its last minutes instead.
   */
  after(ms: number, minMinutes: number, maxMinutes: number): number {
    const wanted = ms + Math.round(this.rng.between(minMinutes, maxMinutes) * 60_000);
    const end = Math.max(...this.sessions.map((session) => session.to), this.home?.to ?? 0);
    return wanted < end ? wanted : Math.max(ms + 1000, end - this.rng.int(5, 600) * 1000);
  }

  /** The whole client base of the person's CRM. */
  crmBook(): Book {
    return this.person.role.crm === 'hubspot' ? HUBSPOT_CONTACTS : SALESFORCE_CONTACTS;
  }

  /** `count` contacts the person works with, from a random place in their book (the whole CRM if the book is too small). */
  ownContacts(count: number): number[] {
    const book = count <= this.person.book.size ? this.person.book : this.crmBook();
    return this.writer.contacts.slice(book, this.rng.int(0, book.size - 1), count);
  }

  /** Contacts outside the person's own book: a colleague's accounts, another region. */
  otherContacts(count: number): number[] {
    const crm = this.crmBook();
    return this.writer.contacts.slice(crm, this.rng.int(0, crm.size - 1), count);
  }
}
