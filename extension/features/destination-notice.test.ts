import { describe, expect, it } from 'vitest';
import { noticeText } from './destination-notice';

describe('noticeText', () => {
  it('says how many client contacts a file holds and that the upload is reported', () => {
    expect(noticeText('file', 240, 'warn', 'webmail')).toBe("This file holds 240 client contacts. Uploads to personal mail are reported to your company's security team.");
    expect(noticeText('file', 1, 'warn', 'cloud')).toBe("This file holds 1 client contact. Uploads to personal cloud storage and transfer sites are reported to your company's security team.");
  });

  it('leaves the count out when the file holds none or was not read, and says when it is blocked', () => {
    expect(noticeText('file', 0, 'block', 'messenger')).toBe("Uploads to personal messengers are blocked by your company's policy; this attempt was reported.");
    expect(noticeText('text', 60, 'block', 'ai')).toBe("This text holds 60 client contacts. Pasting client contacts into AI assistants is blocked by your company's policy; this attempt was reported.");
    expect(noticeText('file', 3, 'warn', 'docs')).toBe("This file holds 3 client contacts. Uploads to personal documents are reported to your company's security team.");
    expect(noticeText('file', 3, 'warn', 'social')).toBe("This file holds 3 client contacts. Uploads to social networks are reported to your company's security team.");
    expect(noticeText('text', 12_500, 'block', 'webmail')).toBe("This text holds 12,500 client contacts. Pasting client contacts into personal mail is blocked by your company's policy; this attempt was reported.");
  });
});
