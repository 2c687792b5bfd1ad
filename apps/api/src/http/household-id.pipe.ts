import { Injectable, type PipeTransform } from '@nestjs/common';
import { isHouseholdId } from '@bangfu/domain';
import { invalidField } from './problem';

/** A 户编号 in the path must be 16 digits; anything else is a malformed request, not a missing household. */
@Injectable()
export class HouseholdIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isHouseholdId(value)) {
      throw invalidField('id', 'id must be a 16-digit 户编号 (village code and sequence)');
    }
    return value;
  }
}
