/**
 * The roles of SPEC.md: who they are, which CRM they work in, and their normal daily volumes
 * (medians per working day; a person's own level is drawn around them).
 */
export type RoleId = 'sdr' | 'account_executive' | 'account_manager' | 'sales_ops' | 'support' | 'marketing' | 'sales_manager' | 'finance' | 'other';

/** A rate per working day with the size of each occurrence (contacts or rows, drawn log-uniformly). */
export interface Volume {
  perDay: number;
  min: number;
  max: number;
}

export interface Role {
  id: RoleId;
  department: string;
  titles: readonly string[];
  share: number;
  crm: 'salesforce' | 'hubspot';
  recordViews: number;
  listViews: number;
  copies: Volume;
  exports: Volume;
  prints: number;
  /** Size of the book of business (contacts a person owns or works), drawn log-uniformly. */
  book: readonly [number, number];
}

export const ROLES: readonly Role[] = [
  { id: 'sdr', department: 'Sales Development', titles: ['Sales Development Representative', 'Senior SDR', 'Business Development Rep'], share: 0.14, crm: 'salesforce', recordViews: 4.5, listViews: 1.5, copies: { perDay: 1, min: 5, max: 15 }, exports: { perDay: 0.15, min: 50, max: 300 }, prints: 0.01, book: [800, 2500] },
  { id: 'account_executive', department: 'Sales', titles: ['Account Executive', 'Senior Account Executive', 'Enterprise Account Executive'], share: 0.14, crm: 'salesforce', recordViews: 3.2, listViews: 0.8, copies: { perDay: 0.5, min: 5, max: 25 }, exports: { perDay: 0.1, min: 20, max: 200 }, prints: 0.08, book: [200, 800] },
  { id: 'account_manager', department: 'Account Management', titles: ['Account Manager', 'Key Account Manager', 'Customer Success Manager'], share: 0.12, crm: 'salesforce', recordViews: 2.6, listViews: 0.6, copies: { perDay: 0.4, min: 5, max: 30 }, exports: { perDay: 0.12, min: 50, max: 600 }, prints: 0.12, book: [300, 1200] },
  { id: 'sales_ops', department: 'Sales Operations', titles: ['Sales Operations Analyst', 'CRM Administrator', 'Revenue Operations Manager'], share: 0.03, crm: 'salesforce', recordViews: 2, listViews: 1, copies: { perDay: 0.5, min: 5, max: 60 }, exports: { perDay: 1, min: 500, max: 20_000 }, prints: 0.02, book: [20_000, 60_000] },
  { id: 'support', department: 'Customer Support', titles: ['Support Engineer', 'Customer Support Specialist', 'Support Team Lead'], share: 0.2, crm: 'salesforce', recordViews: 4, listViews: 0.5, copies: { perDay: 0.25, min: 5, max: 8 }, exports: { perDay: 0.03, min: 20, max: 100 }, prints: 0.04, book: [3000, 12_000] },
  { id: 'marketing', department: 'Marketing', titles: ['Marketing Manager', 'Demand Generation Specialist', 'Marketing Operations Specialist'], share: 0.1, crm: 'hubspot', recordViews: 0.6, listViews: 0.5, copies: { perDay: 0.2, min: 5, max: 40 }, exports: { perDay: 0.4, min: 1000, max: 15_000 }, prints: 0.01, book: [10_000, 80_000] },
  { id: 'sales_manager', department: 'Sales', titles: ['Sales Manager', 'Regional Sales Director', 'Head of Account Management'], share: 0.08, crm: 'salesforce', recordViews: 1.3, listViews: 0.5, copies: { perDay: 0.2, min: 5, max: 20 }, exports: { perDay: 0.2, min: 100, max: 1000 }, prints: 0.2, book: [1000, 5000] },
  { id: 'finance', department: 'Finance', titles: ['Financial Analyst', 'Billing Specialist', 'Accounts Receivable Lead'], share: 0.07, crm: 'salesforce', recordViews: 0.4, listViews: 0.15, copies: { perDay: 0.05, min: 5, max: 10 }, exports: { perDay: 0.08, min: 100, max: 2000 }, prints: 0.3, book: [2000, 20_000] },
  { id: 'other', department: 'Product & Engineering', titles: ['Software Engineer', 'Product Manager', 'QA Engineer', 'Data Engineer'], share: 0.12, crm: 'salesforce', recordViews: 0.12, listViews: 0.03, copies: { perDay: 0.01, min: 5, max: 8 }, exports: { perDay: 0.01, min: 20, max: 200 }, prints: 0.01, book: [100, 500] },
];

export function roleById(id: RoleId): Role {
  return ROLES.find((r) => r.id === id)!;
}

/** Roles whose managers are sales managers; the rest report to a head of their own department. */
export const SALES_ROLES: readonly RoleId[] = ['sdr', 'account_executive', 'account_manager'];
