import {
  DomainError,
  type Actor,
  type DecisionContext,
  type Decider,
  type Decision,
  type DomainCommand,
  type DomainEvent,
  type FactsMap,
} from '@bangfu/domain';

const DEFAULT_CONTEXT: DecisionContext = {
  now: new Date('2026-01-15T02:00:00.000Z'),
  actor: { id: 'tester', roles: ['county-admin'], regionCode: '222426' },
};

type ErrorExpectation = (abstract new (...args: never[]) => DomainError) | { code: string };

/**
 * given/when/then for deciders:
 *   specFor(decider).given([...events]).when(command).then([...expected events])
 *   specFor(decider).given([...events]).when(command).then(SomeDomainError) — or .then({ code: 'X' })
 */
export function specFor<C extends DomainCommand, E extends DomainEvent, S, F extends FactsMap<C>>(decider: Decider<C, E, S, F>) {
  return {
    given(history: E[]) {
      return {
        when(command: Decision<C, F>, context: Partial<DecisionContext> & { actor?: Actor } = {}) {
          const run = () => {
            const state = history.reduce(decider.evolve, decider.initialState());
            return decider.decide(command, state, { ...DEFAULT_CONTEXT, ...context });
          };
          return {
            then(expected: E[] | ErrorExpectation): void {
              if (Array.isArray(expected)) {
                expect(run()).toEqual(expected);
                return;
              }
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              if (typeof expected === 'function') expect(thrown).toBeInstanceOf(expected);
              else expect((thrown as DomainError).code).toBe(expected.code);
            },
          };
        },
      };
    },
  };
}
