/**
 * The tunable constants of the risk model, in one place so they can be documented and changed together.
 */
export const RISK_MODEL = {
  /** Only events this recent count. */
  windowDays: 30,
  /** An event's weight halves every `halfLifeDays`. */
  halfLifeDays: 7,
  /** Raw points map to 0–100 by 100·(1 − e^(−raw / saturation)): ordering is kept, 100 is never reached by one event. */
  saturation: 50,
  /** A resignation notice re-weighs activity up to this many days before it. */
  departureLookbackDays: 90,
  /** Inside a departure window every indicator counts this much more. */
  departureBoost: 1.5,
  points: {
    exportBase: 12,
    exportPerDoublingOf100Rows: 8,
    copyBase: 6,
    copyPerDoublingOf20Contacts: 6,
    recordView: 0.5,
    print: 6,
    uploadBase: 8,
    uploadWithContacts: 10,
    pasteBase: 6,
    pastePerDoublingOf20Contacts: 6,
    sequence: 25,
    lineageBase: 20,
    lineagePerShare: 40,
    // 85 raw points alone map to 82: any action after the last working day is critical by itself.
    afterLastWorkingDay: 85,
  },
  /** An upload "holds contacts" from this many e-mail addresses. */
  uploadContactsMin: 5,
} as const;

export type RiskModel = typeof RISK_MODEL;
