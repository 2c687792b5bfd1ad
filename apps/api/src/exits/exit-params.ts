import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidField } from '../http/problem';

/** An exit case id: the 户编号 (16 digits) or village code (12 digits), a dash, and the case's number. */
@Injectable()
export class ExitIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^(\d{12}|\d{16})-[1-9]\d{0,5}$/.test(value))
      throw invalidField('exitId', 'exitId must be a 户编号 or village code, a dash and a number');
    return value;
  }
}

@Injectable()
export class StepNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z][a-z-]{0,39}$/.test(value)) throw invalidField('step', 'step must name a step of the procedure, e.g. verification');
    return value;
  }
}
