import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FlagNotFoundError, flagReviewDecider, flagReviewStreamId, type FlagReviewCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { ProjectionRunner } from '@bangfu/projections';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { AllFlags } from './all-flags';

export class ReviewFlagMessage {
  constructor(
    readonly command: FlagReviewCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

/** A flag is handled where it is raised: it must exist, and lie in the actor's jurisdiction. */
@CommandHandler(ReviewFlagMessage)
export class ReviewFlagHandler implements ICommandHandler<ReviewFlagMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly flags: AllFlags,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ command, metadata }: ReviewFlagMessage): Promise<AppendResult> {
    await this.runner.catchUp(30_000);
    const flag = this.flags.find(command.data.flagId);
    if (!flag) throw new FlagNotFoundError(`no flag ${command.data.flagId}`);
    assertWithinJurisdiction(metadata.actor, flag.village_code);
    const recorded = { ...metadata, subjectRegion: flag.village_code };
    return handleCommand(this.store, flagReviewStreamId(command.data.flagId), flagReviewDecider, command, recorded, {
      facts: { villageCode: flag.village_code, flagType: flag.type },
    });
  }
}
