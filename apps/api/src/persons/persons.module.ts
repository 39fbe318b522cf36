import { Module } from '@nestjs/common';
import { ErasePersonHandler } from './erase-person/erase-person.handler';
import { ErasePersonHttpController } from './erase-person/erase-person.http.controller';
import { ExtractPersonHttpController } from './extract-person/extract-person.http.controller';

/** A person's data across their cases: erasure (crypto-shredding) and the registerutdrag. */
@Module({
  controllers: [ErasePersonHttpController, ExtractPersonHttpController],
  providers: [ErasePersonHandler],
})
export class PersonsModule {}
