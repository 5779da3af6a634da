import type { Store } from '../store/store';
import { pseudonymId } from './pseudonyms';

/**
 * Who is behind a pseudonym, without hashing everybody on every request. A pseudonym is an HMAC of the
 * e-mail, so it cannot be reversed: the index remembers the pseudonyms it has worked out. A pseudonym it
 * does not know sends it back to the database for the people it has not met yet (new employees, or
 * another server process's), and only those are hashed. An entry never goes stale: the same key and
 * address always give the same pseudonym, and a new key starts a new index.
 */
export class PseudonymIndex {
  private key: string | undefined;
  private readonly byPseudonym = new Map<string, string>();
  private readonly hashed = new Set<string>();

  constructor(private readonly store: Store, private readonly pseudonymKey: () => Promise<string>) {}

  /** The e-mail address whose pseudonym id is `id` (`1A2B-3C4D-5E6F`), among the people on record. */
  async employee(id: string): Promise<string | undefined> {
    const key = await this.pseudonymKey();
    if (key !== this.key) {
      this.key = key;
      this.byPseudonym.clear();
      this.hashed.clear();
    }
    const known = this.byPseudonym.get(id);
    if (known) return known;
    for (const email of await this.store.consoleReads.peopleOnRecord()) {
      if (this.hashed.has(email)) continue;
      this.hashed.add(email);
      this.byPseudonym.set(pseudonymId(key, email), email);
    }
    return this.byPseudonym.get(id);
  }
}
