import * as z from 'zod';

/**
 * The private channel between the page's own world (MAIN) and the extension's isolated world on a CRM
 * page. The MAIN-world script makes a `MessageChannel` at document_start, before any page script, keeps
 * one port in a closure and posts the other to the window once, marked with this key. The isolated world's
 * window listener, registered as early, is the first to see that message: it takes the port, stops the
 * message so the page never sees it, and accepts no second one (first port wins). The page can post
 * window messages of its own, but it cannot speak on a port it never held.
 */
export const PAGE_CHANNEL_MARKER = 'crm-guard:page-channel';

/** What the MAIN world tells the isolated one. */
export const PageWorldMessage = z.discriminatedUnion('kind', [
  /** Page script turned a Blob into a URL (an in-page export about to be downloaded). */
  z.object({ kind: z.literal('blob-created'), url: z.string().max(8192), blob: z.instanceof(Blob) }),
  /** The page's own handler wrote to the clipboard of a trusted copy or cut (grid libraries do). */
  z.object({
    kind: z.literal('clipboard-written'),
    /** The copy event's `timeStamp`: both worlds see the same event, so this says which copy it was. */
    copy: z.number(),
    format: z.string().max(255),
    data: z.string(),
  }),
]);
export type PageWorldMessage = z.infer<typeof PageWorldMessage>;
