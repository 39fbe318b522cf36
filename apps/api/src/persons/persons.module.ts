import { Module } from '@nestjs/common';
import { ErasePersonHandler } from './erase-person/erase-person.handler';
import { ErasePersonHttpController } from './erase-person/erase-person.http.controller';
import { ExtractPersonHttpController } from './extract-person/extract-person.http.controller';
import { PersonCases } from './person-cases';
import { PersonalDataErasureReactor } from './personal-data-erasure.reactor';

/** A person's data across their cases: erasure (crypto-shredding), the registerutdrag, and the erasure reactor. */
@Module({
  controllers: [ErasePersonHttpController, ExtractPersonHttpController],
  providers: [PersonCases, ErasePersonHandler, PersonalDataErasureReactor],
  exports: [PersonCases],
})
export class PersonsModule {}
