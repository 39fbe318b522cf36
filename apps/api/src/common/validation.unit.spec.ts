import { IsInt, IsString, validateSync } from 'class-validator';
import { keepValidationRules } from './validation';

class Named {
  @IsString()
  name!: unknown;
}

const failing = (value: object) => validateSync(value).map((e) => e.property);

describe('keepValidationRules: the rules of each DTO class looked up once', () => {
  it('validates as before, and again the same way', () => {
    keepValidationRules();
    keepValidationRules(); // a second call changes nothing
    for (let i = 0; i < 3; i++) {
      expect(failing(Object.assign(new Named(), { name: 42 }))).toEqual(['name']);
      expect(failing(Object.assign(new Named(), { name: 'Alva' }))).toEqual([]);
    }
  });

  it('sees the rules of a class loaded after the first lookups, inherited ones included', () => {
    keepValidationRules();
    expect(failing(Object.assign(new Named(), { name: 42 }))).toEqual(['name']);
    class Counted extends Named {
      @IsInt()
      count!: unknown;
    }
    expect(failing(Object.assign(new Counted(), { name: 42, count: 'many' })).sort()).toEqual(['count', 'name']);
    expect(failing(Object.assign(new Counted(), { name: 'Alva', count: 3 }))).toEqual([]);
    expect(failing(Object.assign(new Named(), { name: 'Alva', count: 'many' }))).toEqual([]);
  });
});
