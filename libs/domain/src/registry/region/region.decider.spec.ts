import { specFor } from '@bangfu/testing';
import { regionContains } from './region-code';
import { effectiveGoLive, judgedAfterGoLive } from '../../shared/go-live';
import type { Decision } from '../../shared/decider';
import { regionDecider, type RegionCommand, type RegionEvent, type RegionFacts } from './region.decider';

const spec = specFor(regionDecider);
type Decided = Decision<RegionCommand, RegionFacts>;
const jilin: RegionEvent = { type: 'RegionRegistered', data: { code: '220000', name: '吉林省', level: 'province', parentCode: null } };
type Parent = { code: string; level: 'province' | 'city' | 'county' | 'township'; registeredAt?: string };
const SINCE = '2020-01-01T00:00:00.000Z';
const register = (code: string, name: string, parent: Parent | null, registeredAt?: string): Decided => ({
  type: 'RegisterRegion',
  data: { code, name, ...(registeredAt ? { registeredAt } : {}) },
  facts: { parent: parent && { registeredAt: SINCE, onboarding: false, ...parent }, goLiveAbove: null },
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
      .then([
        {
          type: 'RegionRegistered',
          data: { code: '222426103201', name: '德化村', level: 'village', parentCode: '222426103', onboarding: true },
        },
      ]);
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
  describe('go-live (上线日期)', () => {
    const antu: RegionEvent = { type: 'RegionRegistered', data: { code: '222426', name: '安图县', level: 'county', parentCode: '222400' } };
    const declare = (goLiveOn: string, code = '222426'): Decided => ({
      type: 'DeclareGoLive',
      data: { code, goLiveOn, reason: '系统上线' },
    });
    const declared: RegionEvent = {
      type: 'GoLiveDeclared',
      data: { code: '222426', goLiveOn: '2026-01-01', goLiveAt: '2025-12-31T16:00:00.000Z', reason: '系统上线' },
    };

    it('given a registered county, when it declares a past go-live date, then the date starts at Shanghai midnight', () => {
      spec.given([antu]).when(declare('2026-01-01')).then([declared]);
    });

    it('given a county that went live, when it declares again, then it is refused: the date is not moved', () => {
      spec.given([antu, declared]).when(declare('2026-03-01')).then({ code: 'GO_LIVE_ALREADY_DECLARED' });
    });

    it('refuses a future date, an unregistered division, and a province or city', () => {
      spec.given([antu]).when(declare('2999-01-01')).then({ code: 'TIME_IN_FUTURE' });
      spec.given([]).when(declare('2026-01-01')).then({ code: 'REGION_NOT_FOUND' });
      spec.given([jilin]).when(declare('2026-01-01', '220000')).then({ code: 'GO_LIVE_ABOVE_COUNTY' });
    });

    it('given a province registered as of a past time, then it is simply registered: only what can go live onboards', () => {
      spec
        .given([])
        .when(register('220000', '吉林省', null, '2025-06-01T00:00:00.000Z'))
        .then([jilin]);
    });

    it('given an onboarding county, a village registered under it now is onboarding too; under a live county it is live', () => {
      const village = (parent: { onboarding: boolean }, goLiveAbove: string | null): Decided => ({
        type: 'RegisterRegion',
        data: { code: '222426103201', name: '德化村' },
        facts: { parent: { code: '222426103', level: 'township', registeredAt: SINCE, ...parent }, goLiveAbove },
      });
      const registered = (onboarding: boolean): RegionEvent => ({
        type: 'RegionRegistered',
        data: { code: '222426103201', name: '德化村', level: 'village', parentCode: '222426103', ...(onboarding ? { onboarding } : {}) },
      });
      spec
        .given([])
        .when(village({ onboarding: true }, null))
        .then([registered(true)]);
      spec
        .given([])
        .when(village({ onboarding: false }, null))
        .then([registered(false)]);
      spec
        .given([])
        .when(village({ onboarding: true }, '2026-01-01T00:00:00.000Z'))
        .then([registered(false)]);
    });

    it('judges from the latest go-live over a division and the ones above it, and only periods that began on or after it', () => {
      expect(effectiveGoLive([null, '2026-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z'])).toBe('2026-01-01T00:00:00.000Z');
      expect(effectiveGoLive([null, null])).toBeNull();
      expect(judgedAfterGoLive(null, '2020-01-01T00:00:00.000Z')).toBe(true);
      expect(judgedAfterGoLive('2026-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z')).toBe(false);
      expect(judgedAfterGoLive('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe(true);
    });
  });
});
