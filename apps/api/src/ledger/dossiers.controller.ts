import { Controller, Get, Injectable, Param, Query, Req, type PipeTransform } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@bangfu/domain';
import { villageOfHousehold } from '@bangfu/domain';
import { DOSSIER_SUBJECTS, type DossierSubject } from '@bangfu/projections';
import { AccessLog } from '../access/access-log.service';
import { Action } from '../access/action.decorator';
import { ID_PATTERN } from '../http/common-validators';
import { invalidField } from '../http/problem';
import { DossierQueryDto } from './ledger.dto';
import { LedgerProofs } from './ledger-proofs.service';

@Injectable()
export class DossierSubjectPipe implements PipeTransform<string, DossierSubject> {
  transform(value: string): DossierSubject {
    if (!(DOSSIER_SUBJECTS as readonly string[]).includes(value))
      throw invalidField('subject', `subject must be one of ${DOSSIER_SUBJECTS.join(', ')}`);
    return value as DossierSubject;
  }
}

@Injectable()
export class SubjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID_PATTERN.test(value)) throw invalidField('id', 'id must be a 户编号, a village code, a cadre or unit id');
    return value;
  }
}

/** 问责 dossiers: what the record holds about someone, provable offline with the checkpoint key. */
@ApiTags('accountability')
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly proofs: LedgerProofs,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':subject/:id')
  @Action('dossier.export')
  @ApiOkResponse({
    description:
      'every event about a person, household, unit or village in the period, with RFC 6962 inclusion proofs against the latest signed checkpoint and a signed manifest; verify offline with `npx bangfu verify-dossier FILE --key KEY` (409 NO_CHECKPOINT before the first checkpoint)',
  })
  async export(
    @Param('subject', DossierSubjectPipe) subject: DossierSubject,
    @Param('id', SubjectIdPipe) id: string,
    @Query() query: DossierQueryDto,
    @Req() request: FastifyRequest & { actor: Actor },
  ) {
    if ((subject === 'household' && !/^\d{16}$/.test(id)) || (subject === 'village' && !/^\d{12}$/.test(id))) {
      throw invalidField(
        'id',
        subject === 'household' ? 'a household is named by its 16-digit 户编号' : 'a village is named by its 12-digit code',
      );
    }
    const at = (value: string | undefined) => (value === undefined ? undefined : new Date(value).toISOString());
    const dossier = await this.proofs.dossier(subject, id, at(query.from), at(query.to), request.actor);
    // A dossier is the record unmasked: every export is on the access log, whoever asks.
    await this.accessLog.record(
      request.actor,
      {
        type: 'PersonalDataRead',
        data: {
          action: 'dossier.export',
          method: 'GET',
          path: request.url.split('?')[0],
          values: dossier.events.length,
          subjects: [`${subject}-${id}`],
        },
      },
      subject === 'household' ? villageOfHousehold(id) : subject === 'village' ? id : undefined,
    );
    return dossier;
  }
}
