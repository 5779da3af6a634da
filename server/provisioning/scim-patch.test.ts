import { describe, expect, it } from 'vitest';
import { applyPatch } from './scim-patch';
import { ENTERPRISE_USER } from './scim-protocol';

const user = () => ({ userName: 'ann@acme.example', active: true, name: { givenName: 'Ann', familyName: 'Lee' }, emails: [{ type: 'work', value: 'ann@acme.example', primary: true }] });

describe('applyPatch', () => {
  it('takes Entra ID’s capitalised op and string boolean', () => {
    expect(applyPatch(user(), [{ op: 'Replace', path: 'active', value: 'False' }]).active).toBe(false);
    expect(applyPatch({ ...user(), active: false }, [{ op: 'Replace', path: 'active', value: 'True' }]).active).toBe(true);
  });

  it('takes Okta’s path-less replace with a value object', () => {
    expect(applyPatch(user(), [{ op: 'replace', value: { active: false } }]).active).toBe(false);
  });

  it('sets enterprise attributes by their URN path, and by a path-less value keyed by the URN', () => {
    const byPath = applyPatch(user(), [
      { op: 'Add', path: `${ENTERPRISE_USER}:department`, value: 'Sales' },
      { op: 'Add', path: `${ENTERPRISE_USER}:manager`, value: 'manager-id' },
    ]);
    expect(byPath[ENTERPRISE_USER]).toEqual({ department: 'Sales', manager: 'manager-id' });
    const byValue = applyPatch(user(), [{ op: 'replace', value: { [ENTERPRISE_USER]: { department: 'Finance', manager: { value: 'm2' } } } }]);
    expect(byValue[ENTERPRISE_USER]).toEqual({ department: 'Finance', manager: { value: 'm2' } });
  });

  it('replaces a filtered multi-valued sub-attribute and a nested attribute, case-insensitively', () => {
    const next = applyPatch(user(), [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ann.lee@acme.example' },
      { op: 'Replace', path: 'Name.FamilyName', value: 'Lee-Smith' },
    ]);
    expect(next.emails).toEqual([{ type: 'work', value: 'ann.lee@acme.example', primary: true }]);
    expect(next.name).toEqual({ givenName: 'Ann', familyName: 'Lee-Smith' });
  });

  it('removes an attribute and leaves the input untouched', () => {
    const input = user();
    const next = applyPatch(input, [{ op: 'remove', path: 'name.givenName' }]);
    expect(next.name).toEqual({ familyName: 'Lee' });
    expect(input.name.givenName).toBe('Ann');
  });

  it('refuses unknown ops, path-less removes and unsupported paths', () => {
    expect(() => applyPatch(user(), [{ op: 'move', path: 'active', value: false }])).toThrow(/unknown PATCH op/);
    expect(() => applyPatch(user(), [{ op: 'remove' }])).toThrow(/needs a path/);
    expect(() => applyPatch(user(), [{ op: 'replace', path: 'a.b.c', value: 1 }])).toThrow(/unsupported PATCH path/);
  });
});
