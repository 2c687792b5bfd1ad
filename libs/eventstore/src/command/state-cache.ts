/**
 * Folded aggregate states kept between commands, by stream and decider. Only a store that is the sole
 * writer of its streams may carry one (the bulk loader behind `bangfu simulate`): then the newest state of
 * a stream is always the cached state plus the events after its revision, and a command folds only those
 * instead of the whole history. Deciders' evolve functions return new states and never change the one
 * they are given, which is what makes a kept state safe to reuse.
 */
export class StateCache {
  private readonly states = new Map<string, Map<object, { revision: number; state: unknown }>>();

  get<S>(streamId: string, decider: object): { revision: number; state: S } | undefined {
    return this.states.get(streamId)?.get(decider) as { revision: number; state: S } | undefined;
  }

  set(streamId: string, decider: object, revision: number, state: unknown): void {
    let byDecider = this.states.get(streamId);
    if (!byDecider) this.states.set(streamId, (byDecider = new Map()));
    byDecider.set(decider, { revision, state });
  }

  /** Forgets every state, so memory stays bounded by the work between two calls (one county, say). */
  clear(): void {
    this.states.clear();
  }
}
