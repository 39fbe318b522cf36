import { EXTENT_SCALE, FREQUENCY_SCALE, YES_NO } from '@app/case-domain';
import { CodeField, DateField, NestedField, TextField } from '../../common/dto';

/** NNS avslutsenkät (DOMAIN.md §8). Any question may be skipped; 9 and 10 only follow a JA to 8. */
export class SurveyAnswersDto {
  @CodeField(FREQUENCY_SCALE, {
    optional: true,
    description: 'Får du stöd på ett sätt som är till stor nytta för dig?',
  })
  q1?: string;

  @CodeField(FREQUENCY_SCALE, {
    optional: true,
    description: 'Är du med och bestämmer vilket stöd du skall få?',
  })
  q2?: string;

  @CodeField(FREQUENCY_SCALE, { optional: true, description: 'Får stödet ta den tid du behöver?' })
  q3?: string;

  @CodeField(YES_NO, {
    optional: true,
    description: 'Har du en person eller ett team som du kan vända dig till med dina frågor och behov?',
  })
  q4?: string;

  @CodeField(EXTENT_SCALE, {
    optional: true,
    description: 'Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?',
  })
  q5?: string;

  @CodeField(EXTENT_SCALE, {
    optional: true,
    description: 'Känner du dig mer redo att kunna arbeta eller studera?',
  })
  q6?: string;

  @CodeField(EXTENT_SCALE, {
    optional: true,
    description: 'Upplever du att personalen har tagit tillvara dina erfarenheter, kunskaper och synpunkter?',
  })
  q7?: string;

  @CodeField(YES_NO, {
    optional: true,
    description: 'Har ni påbörjat en planering för vad som ska hända efter att nuvarande stöd har upphört?',
  })
  q8?: string;

  @CodeField(EXTENT_SCALE, {
    optional: true,
    description:
      'Finns det en tillräcklig planering för vad som ska hända efter att detta stöd upphört? (only after JA to q8)',
  })
  q9?: string;

  @CodeField(EXTENT_SCALE, {
    optional: true,
    description: 'Kommer det som är planerat att påbörjas inom rimlig tid? (only after JA to q8)',
  })
  q10?: string;
}

/** Anonymous: no person, no case id; linked only to an insats and a date. */
export class SubmitClosingSurveyDto {
  @TextField(64, { description: 'The insats the person closed from (a catalogue code)', example: 'AMT_AF' })
  insatsCode!: string;

  @DateField({
    optional: true,
    description: 'When the survey was answered; default today, never in the future',
  })
  answeredOn?: string;

  @NestedField(() => SurveyAnswersDto)
  answers!: SurveyAnswersDto;
}
