import { Matches } from 'class-validator';
import { PARTIES } from '@app/case-domain';
import { CodeField, TextField } from '../common/dto';

/** A beredningsgrupp member: the party they represent and their user id. */
export class MeetingMemberDto {
  @CodeField(PARTIES, { description: 'The party the member represents' })
  party!: string;

  @TextField(128, { description: 'The member’s user id (the token’s sub)', example: 'u-kommun-1' })
  user!: string;
}

/** An adjungerad guest: invited without being a member. */
export class MeetingGuestDto {
  @TextField(200, { description: 'The guest’s name', example: 'Eva Lärare' })
  name!: string;

  @TextField(200, { optional: true, description: 'Where the guest comes from', example: 'Gymnasieskolan' })
  @Matches(/\S/, { message: 'must not be blank' })
  organisation?: string;
}
