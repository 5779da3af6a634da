import * as z from 'zod';
import { ExportFormat, PrintTrigger } from '../../shared/events';
import { DestinationMode } from '../../shared/destinations';

/**
 * Messages from content scripts to the background. Content scripts only count and collect addresses;
 * the background decides which site the sender is on (from `sender.url`, never from the message),
 * fingerprints the addresses with the deployment's salt and queues the event.
 */
const Emails = z.array(z.string().max(320)).max(200_000);
const Counts = {
  emailCount: z.int().min(0),
  phoneCount: z.int().min(0),
  rowCount: z.int().min(0),
  charCount: z.int().min(0),
  emails: Emails,
};

/** What a destination page adds: the domain of the account it shows signed in, and what the employee saw. */
const AtDestination = {
  accountDomain: z.string().max(253).optional(),
  mode: DestinationMode,
};

export const ContentToBackground = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('crm.copy'), action: z.enum(['copy', 'cut']), ...Counts }),
  z.object({ kind: z.literal('crm.print'), trigger: PrintTrigger }),
  z.object({ kind: z.literal('crm.list_view'), emails: Emails }),
  /** Something a content script noticed about its own coverage or about page script working against it. */
  z.object({ kind: z.literal('agent.tamper'), signal: z.enum(['detector_failure', 'channel_tampering']), detail: z.string().max(1000) }),
  z.object({ kind: z.literal('webmail.paste'), ...Counts, ...AtDestination }),
  z.object({ kind: z.literal('webmail.justification'), eventId: z.uuid(), justification: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal('crm.record_view_reason'), eventId: z.uuid(), justification: z.string().min(1).max(2000) }),
  z.object({
    kind: z.literal('webmail.upload'),
    ...AtDestination,
    channel: z.enum(['file_input', 'drop', 'paste']),
    fileName: z.string().max(512),
    sizeBytes: z.int().min(0),
    mimeType: z.string().max(255),
    emailCount: z.int().min(0).optional(),
    emails: Emails,
  }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackground>;

/** Sent along with every ContentToBackground: the event's id, made by the content script so a resent message is queued once. */
export const EventIdEnvelope = z.object({ eventId: z.uuid() });

/** The background asks a CRM tab to read a `blob:` download it cannot fetch itself (blob URLs are origin-bound). */
export const BackgroundToContent = z.object({ kind: z.literal('read-blob'), url: z.string(), format: ExportFormat });
export type BackgroundToContent = z.infer<typeof BackgroundToContent>;

/** The background asks a CRM tab to ask for a reason: the record was opened beyond the CRM's record-view limit. */
export const RecordReasonRequest = z.object({
  kind: z.literal('record-view-reason'),
  eventId: z.uuid(),
  mode: z.enum(['warn', 'block']),
  opens: z.int().min(1),
  allowedOpens: z.int().min(1),
  periodHours: z.number().positive(),
});
export type RecordReasonRequest = z.infer<typeof RecordReasonRequest>;

export const BlobShape = z.object({
  rows: z.int(),
  columns: z.int(),
  emailCount: z.int(),
  emails: Emails,
  sizeBytes: z.int(),
  /** The Blob's own type, checked against the MIME type the downloads API reports. */
  mimeType: z.string().max(255).default(''),
  /** Whether the Blob came over the private channel when its URL was made (else it was fetched by URL). */
  capturedAtCreation: z.boolean().default(false),
});
export type BlobShape = z.infer<typeof BlobShape>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };
