import { specFor } from '@bangfu/testing';
import { regionContains } from './region-code';
import { regionDecider, type RegionCommand, type RegionEvent } from './region.decider';

const spec = specFor(regionDecider);
const jilin: RegionEvent = { type: 'RegionRegistered', data: { code: '220000', name: '吉林省', level: 'province', parentCode: null } };
type Parent = { code: string; level: 'province' | 'city' | 'county' | 'township'; registeredAt?: string };
const SINCE = '2020-01-01T00:00:00.000Z';
const register = (code: string, name: string, parent: Parent | null, registeredAt?: string): RegionCommand => ({
  type: 'RegisterRegion',
  data: { code, name, parent: parent && { registeredAt: SINCE, ...parent }, ...(registeredAt ? { registeredAt } : {}) },
});

describe('region decider', () => {
  it('registers a province without a parent and a county under its city', () => {
    spec
      .given([])
      .when(register('220000', '吉林省', null))
      .then([jilin]);
    spec
      .given([])
      .when(register('222426', '安图县', { code: '222400', level: 'city' }))
      .then([{ type: 'RegionRegistered', data: { code: '222426', name: '安图县', level: 'county', parentCode: '222400' } }]);
  });

  it('registers a division as of a past business time, never before its parent nor in the future', () => {
    const township = { code: '222426103', level: 'township' as const, registeredAt: '2025-01-01T00:00:00.000Z' };
    spec
      .given([])
      .when(register('222426103201', '德化村', township, '2025-06-01T00:00:00.000Z'))
      .then([{ type: 'RegionRegistered', data: { code: '222426103201', name: '德化村', level: 'village', parentCode: '222426103' } }]);
    spec
      .given([])
      .when(register('222426103201', '德化村', township, '2024-12-31T00:00:00.000Z'))
      .then({ code: 'REGISTERED_BEFORE_PARENT' });
    spec
      .given([])
      .when(register('222426103201', '德化村', township, '2999-01-01T00:00:00.000Z'))
      .then({ code: 'TIME_IN_FUTURE' });
  });

  it('derives township and village levels from 9- and 12-digit codes', () => {
    spec
      .given([])
      .when(register('222426103001', '德化村', { code: '222426103', level: 'township' }))
      .then([{ type: 'RegionRegistered', data: { code: '222426103001', name: '德化村', level: 'village', parentCode: '222426103' } }]);
  });

  it.each([
    ['22242', 'a division code has 6, 9 or 12 digits'],
    ['992426', 'not a province-level prefix'],
    ['222426000', 'does not end in 000'],
    ['222426103000', 'does not end in 000'],
    ['222400101', 'whose code does not end in 00'],
  ])('refuses the invalid code %s', (code) => {
    spec
      .given([])
      .when(register(code, 'x', null))
      .then({ code: 'INVALID_REGION_CODE' });
  });

  it('refuses a region whose parent is not registered, and a second registration', () => {
    spec
      .given([])
      .when(register('222426', '安图县', null))
      .then({ code: 'PARENT_REGION_NOT_REGISTERED' });
    spec
      .given([])
      .when(register('222426', '安图县', { code: '220000', level: 'province' }))
      .then({ code: 'PARENT_REGION_NOT_REGISTERED' });
    spec
      .given([jilin])
      .when(register('220000', '吉林省', null))
      .then({ code: 'REGION_ALREADY_REGISTERED' });
  });

  it('renames with a reason, and a rename to the same name records nothing', () => {
    spec
      .given([jilin])
      .when({ type: 'RenameRegion', data: { code: '220000', name: '吉林', reason: '更正' } })
      .then([{ type: 'RegionRenamed', data: { code: '220000', name: '吉林', previousName: '吉林省', reason: '更正' } }]);
    spec
      .given([jilin])
      .when({ type: 'RenameRegion', data: { code: '220000', name: '吉林省', reason: 'x' } })
      .then([]);
    spec
      .given([])
      .when({ type: 'RenameRegion', data: { code: '220000', name: 'x', reason: 'x' } })
      .then({ code: 'REGION_NOT_FOUND' });
  });

  it('knows which regions contain which', () => {
    expect(regionContains('220000', '222426103001')).toBe(true);
    expect(regionContains('222400', '222426')).toBe(true);
    expect(regionContains('222426', '222424001')).toBe(false);
    expect(regionContains('000000', '610728')).toBe(true);
  });
});
