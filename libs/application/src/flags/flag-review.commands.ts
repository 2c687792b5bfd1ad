import { FlagNotFoundError, flagReviewDecider, flagReviewStreamId, type FlagReviewCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type ProjectionRunner } from '@bangfu/projections';
import { assertWithinJurisdiction } from '../access/jurisdiction';

/** A flag as the review needs it: where it was raised and of which type. */
export interface ReviewedFlag {
  type: string;
  village_code: string;
}

/**
 * Finds a flag by id among every area's flags — those the views raise and those judged when asked — so it is a
 * port the host fills (the API's flag list).
 */
export type FindFlag = (flagId: string) => ReviewedFlag | undefined;

/** A flag is handled where it is raised: it must exist, and lie in the actor's jurisdiction. */
export class ReviewFlagCommands {
  constructor(
    private readonly store: EventStore,
    private readonly findFlag: FindFlag,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute(command: FlagReviewCommand, metadata: CommandMetadata): Promise<AppendResult> {
    await this.runner.catchUp(30_000);
    const flag = this.findFlag(command.data.flagId);
    if (!flag) throw new FlagNotFoundError(`no flag ${command.data.flagId}`);
    assertWithinJurisdiction(metadata.actor, flag.village_code);
    const recorded = { ...metadata, subjectRegion: flag.village_code };
    return handleCommand(this.store, flagReviewStreamId(command.data.flagId), flagReviewDecider, command, recorded, {
      facts: { villageCode: flag.village_code, flagType: flag.type },
    });
  }
}
