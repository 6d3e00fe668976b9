// The role table as abilities: what each role may do on a task its agency leads, coordinates, or
// neither; unit editors' fields and columns; agencies compared through the directory's aliases.
import { describe, expect, it } from 'vitest';
import { ACTIONS, RULES, abilityFor, accessKey, allowedOnArchived, roleOn, rolesFor, taskSubject, type Role } from './permissions.ts';

const SKHCN = accessKey('Sở Khoa học và Công nghệ');
const own: { leads: string[]; partners: string[]; column: 'todo' | 'doing' | 'review' | 'done' } = { leads: ['Sở KH&CN'], partners: ['Sở Tài chính'], column: 'doing' };
const partnered = { leads: ['Sở Nội vụ'], partners: ['Sở Khoa học và Công nghệ'], column: 'doing' as const };
const others = { leads: ['Công an tỉnh'], partners: [], column: 'doing' as const };
const can = (role: Role, action: (typeof ACTIONS)[number], task: typeof own | typeof partnered | typeof others, opts: { field?: string; to?: 'todo' | 'doing' | 'review' | 'done' } = {}) => {
  const a = abilityFor({ role, agency: SKHCN });
  const s = taskSubject(task, [], opts.to);
  return opts.field ? a.can(action, s, opts.field) : a.can(action, s);
};

describe('permissions', () => {
  it('compares agencies through the directory and the provincial aliases', () => {
    expect(accessKey('Sở KH&CN')).toBe(accessKey('Sở Khoa học và Công nghệ'));
    expect(accessKey('Cục Thống kê', [{ name: 'Chi cục Thống kê tỉnh', aliases: ['Cục Thống kê'], collective: false }])).toBe(accessKey('Chi cục Thống kê tỉnh'));
    expect(accessKey('')).toBe('');
  });

  it('gives a unit editor its own tasks only: its fields, moves up to "Chờ xác nhận", evidence and reports; comments where it is a partner', () => {
    expect(can('unit', 'update', own, { field: 'progress' })).toBe(true);
    expect(can('unit', 'update', own, { field: 'owner' })).toBe(false);
    expect(can('unit', 'update', others, { field: 'progress' })).toBe(false);
    expect(can('unit', 'move', own, { to: 'review' })).toBe(true);
    expect(can('unit', 'move', own, { to: 'done' })).toBe(false);
    expect(can('unit', 'move', { ...own, column: 'done' }, { to: 'doing' })).toBe(false);
    expect(can('unit', 'move', others, { to: 'doing' })).toBe(false);
    expect(can('unit', 'evidence', own)).toBe(true);
    expect(can('unit', 'evidence', partnered)).toBe(false);
    expect(can('unit', 'comment', partnered)).toBe(true);
    expect(can('unit', 'comment', others)).toBe(false);
    expect(can('unit', 'confirm', own)).toBe(false);
  });

  it('a unit editor without an agency updates nothing', () => {
    const a = abilityFor({ role: 'unit', agency: '' });
    expect(a.can('update', taskSubject({ leads: [''], partners: [], column: 'todo' }, []), 'progress')).toBe(false);
    expect(a.can('read', 'Task')).toBe(true);
  });

  it('coordinators do task work; leaders and viewers read, leaders record conclusions and export; admins do everything', () => {
    for (const action of ['update', 'move', 'confirm', 'return', 'extend', 'create', 'delete'] as const) expect(can('coordinator', action, others, { to: 'done' })).toBe(true);
    for (const role of ['leader', 'viewer'] as const) {
      expect(can(role, 'move', own, { to: 'doing' })).toBe(false);
      expect(can(role, 'update', own, { field: 'progress' })).toBe(false);
      expect(abilityFor({ role, agency: '' }).can('read', 'Board')).toBe(true);
    }
    expect(can('leader', 'conclude', others)).toBe(true);
    expect(can('viewer', 'conclude', others)).toBe(false);
    // A leader takes the progress report and the Phụ lục away from a meeting; a viewer and a unit do not export.
    expect((['coordinator', 'leader', 'unit', 'viewer'] as const).map((r) => abilityFor({ role: r, agency: SKHCN }).can('export', 'Board'))).toEqual([true, true, false, false]);
    expect(abilityFor({ role: 'leader', agency: '' }).can('update', 'Board')).toBe(false);
    expect(abilityFor({ role: 'admin', agency: '' }).can('manage', 'User')).toBe(true);
    expect(abilityFor({ role: 'coordinator', agency: '' }).can('manage', 'User')).toBe(false);
    expect(abilityFor({ role: null, agency: '' }).can('read', 'Board')).toBe(false);
  });

  it("finds a user's role: admin everywhere, the board's own entry, else '*'", () => {
    expect(roleOn({ admin: true, roles: {} }, 'b1')).toBe('admin');
    expect(roleOn({ admin: false, roles: { '*': 'viewer', b1: 'coordinator' } }, 'b1')).toBe('coordinator');
    expect(roleOn({ admin: false, roles: { '*': 'viewer' } }, 'b2')).toBe('viewer');
    expect(roleOn({ admin: false, roles: { b1: 'unit' } }, 'b2')).toBeNull();
    expect(roleOn({ admin: false, roles: { b1: 'unit' } }, '__proto__')).toBeNull();
  });

  it('lists who may do what for the generated table, from the same rules', () => {
    expect(rolesFor('confirm', 'Task').map((r) => r.role)).toEqual(['admin', 'coordinator']);
    expect(rolesFor('move', 'Task').find((r) => r.role === 'unit')).toMatchObject({ scope: 'lead' });
    expect(Object.keys(RULES)).toEqual(['admin', 'coordinator', 'unit', 'leader', 'viewer']);
  });
});

describe('meetings and indicators', () => {
  it('coordinators and leaders hold meetings; only coordinators record indicator values; everyone with a role reads both', () => {
    const can = (role: Role, action: 'read' | 'create' | 'update', subject: 'Meeting' | 'Indicator') => abilityFor({ role, agency: '' }).can(action, subject);
    expect((['coordinator', 'leader', 'unit', 'viewer'] as const).map((r) => can(r, 'create', 'Meeting'))).toEqual([true, true, false, false]);
    expect((['coordinator', 'leader', 'unit', 'viewer'] as const).map((r) => can(r, 'update', 'Indicator'))).toEqual([true, false, false, false]);
    expect((['coordinator', 'leader', 'unit', 'viewer'] as const).every((r) => can(r, 'read', 'Meeting') && can(r, 'read', 'Indicator'))).toBe(true);
    expect(can('admin', 'update', 'Indicator')).toBe(true);
    expect(rolesFor('update', 'Meeting').map((r) => r.role)).toEqual(['admin', 'coordinator', 'leader']);
  });
});

describe('an archived board', () => {
  it('allows reading and exporting, and only its own settings otherwise', () => {
    const allowed = ACTIONS.flatMap((action) => (['Task', 'Board', 'Meeting', 'Indicator'] as const).filter((subject) => allowedOnArchived(action, subject)).map((subject) => `${action} ${subject}`));
    expect(allowed.sort()).toEqual(['delete Board', 'export Board', 'export Indicator', 'export Meeting', 'export Task', 'read Board', 'read Indicator', 'read Meeting', 'read Task', 'update Board'].sort());
  });
});
