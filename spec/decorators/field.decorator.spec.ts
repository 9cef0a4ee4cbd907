import { PartialType } from '@nestjs/mapped-types';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validate } from 'class-validator';
import {
  Field,
  getToolDefinition,
  Int,
  Tool,
  ToolDefinitionError,
  toGeminiFunctionDeclaration,
  type JsonSchema,
} from 'parallel-tools';
import { classAccepts } from '../schema/support/schema-agreement';

enum Seat {
  Aisle = 1,
  Window = 2,
}

class Guest {
  @Field({ description: 'Full name', minLength: 1, maxLength: 80 }) name!: string;
  @Field({ format: 'email', optional: true }) email?: string;
}

@Tool({ name: 'book_trip', description: 'Book a trip for one or more guests' })
class BookTrip {
  @Field({ description: 'Destination city', example: 'Lisbon', pattern: /^[A-Z][a-z]+$/ }) city!: string;
  @Field({ type: () => Int, minimum: 1, maximum: 30, default: 3 }) nights!: number;
  @Field({ minimum: 0 }) budget!: number;
  @Field() refundable!: boolean;
  @Field({ enum: ['economy', 'business'] as const }) cabin!: 'economy' | 'business';
  @Field({ enum: Seat }) seat!: Seat;
  @Field({ type: () => Date }) departAt!: Date;
  @Field({ format: 'date' }) returnOn!: string;
  @Field({ type: () => [Guest], minItems: 1, maxItems: 4 }) guests!: Guest[];
  @Field({ type: () => [String], uniqueItems: true, optional: true }) tags?: string[];
  @Field({ type: () => String, nullable: true, description: 'Anything else' }) note!: string | null;
  @Field({ type: () => String, format: 'uuid', optional: true, nullable: true }) bookingId?: string | null;
  @Field({ format: 'uri', optional: true }) website?: string;
}

const valid = () => ({
  city: 'Lisbon',
  nights: 3,
  budget: 1200.5,
  refundable: true,
  cabin: 'economy',
  seat: 2,
  departAt: '2024-06-01T08:00:00Z',
  returnOn: '2024-06-04',
  guests: [{ name: 'Ada', email: 'ada@example.com' }, { name: 'Bo' }],
  note: null,
});

describe('a class described only with @Tool and @Field', () => {
  it('gets the schema its options say', () => {
    const { name, description, parameters } = getToolDefinition(BookTrip);
    expect({ name, description }).toEqual({
      name: 'book_trip',
      description: 'Book a trip for one or more guests',
    });
    expect(parameters).toEqual({
      type: 'object',
      properties: {
        city: {
          type: 'string',
          pattern: '^[A-Z][a-z]+$',
          description: 'Destination city',
          examples: ['Lisbon'],
        },
        nights: { type: 'integer', minimum: 1, maximum: 30, default: 3 },
        budget: { type: 'number', minimum: 0 },
        refundable: { type: 'boolean' },
        cabin: { type: 'string', enum: ['economy', 'business'] },
        seat: { type: 'integer', enum: [1, 2] },
        departAt: { type: 'string', format: 'date-time' },
        returnOn: { type: 'string', format: 'date' },
        guests: { type: 'array', items: { $ref: '#/$defs/Guest' }, minItems: 1, maxItems: 4 },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        note: { type: ['string', 'null'], description: 'Anything else' },
        bookingId: {
          type: ['string', 'null'],
          format: 'uuid',
          pattern:
            '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
        },
        website: { type: 'string', format: 'uri' },
      },
      required: [
        'city',
        'nights',
        'budget',
        'refundable',
        'cabin',
        'seat',
        'departAt',
        'returnOn',
        'guests',
        'note',
      ],
      additionalProperties: false,
      $defs: {
        Guest: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 80, description: 'Full name' },
            email: { type: 'string', format: 'email' },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
    });
  });

  it('is validated completely: types, enums, nested classes, array elements, presence, constraints', async () => {
    expect(await classAccepts(BookTrip, valid())).toEqual({ ok: true, errors: [] });
    expect(
      await classAccepts(BookTrip, {
        ...valid(),
        tags: ['a', 'b'],
        bookingId: null,
        website: 'https://example.com',
      }),
    ).toEqual({ ok: true, errors: [] });
    const bad = {
      city: 'lisbon',
      nights: 2.5,
      budget: -1,
      refundable: 'yes',
      cabin: 'first',
      seat: 3,
      departAt: 'tomorrow',
      returnOn: '04/06/2024',
      guests: [{ name: '', email: 'nope' }],
      tags: ['a', 'a'],
      bookingId: 'x',
      website: 'not a url',
      extra: 1,
    };
    expect((await classAccepts(BookTrip, bad)).errors.sort()).toEqual(
      [
        'extra: property extra should not exist',
        'city: city must match /^[A-Z][a-z]+$/ regular expression',
        'nights: nights must be an integer number',
        'budget: budget must not be less than 0',
        'refundable: refundable must be a boolean value',
        'cabin: cabin must be one of the following values: economy, business',
        'seat: seat must be one of the following values: 1, 2',
        'departAt: departAt must be a Date instance',
        'returnOn: returnOn must match /^\\d{4}-\\d{2}-\\d{2}$/ regular expression',
        'guests[0].name: name must be longer than or equal to 1 characters',
        'guests[0].email: email must be an email',
        "tags: All tags's elements must be unique",
        'bookingId: bookingId must be a UUID',
        'website: website must be a URL address',
        'note: note must be a string',
      ].sort(),
    );
  });

  it('checks array sizes and that a nested value is an object', async () => {
    expect((await classAccepts(BookTrip, { ...valid(), guests: [] })).errors).toEqual([
      'guests: guests must contain at least 1 elements',
    ]);
    expect((await classAccepts(BookTrip, { ...valid(), guests: ['Ada'] })).errors).toContain(
      'guests: each value in guests must be an object',
    );
    expect((await classAccepts(BookTrip, { ...valid(), guests: null })).ok).toBe(false);
  });
});

// Only ever validated through class-validator and NestJS below, never resolved by this library
// first: the rules must be there from the @Tool/@Field priming alone. (An array is the only way to
// refer to a class declared further down: design:type of a plain `PrimedLine` would read it too early.)
@Tool()
class PrimedOrder {
  @Field({ type: () => [PrimedLine], minItems: 1 }) lines!: PrimedLine[];
  @Field({ optional: true, maxLength: 3 }) code?: string;
}
class PrimedLine {
  @Field({ type: () => Int, minimum: 1 }) qty!: number;
}

describe('priming: plain class-validator and ValidationPipe see the @Field rules', () => {
  it('validates with class-validator alone, nested class declared after the tool', async () => {
    const errors = await validate(plainToInstance(PrimedOrder, { lines: [{ qty: 0 }], code: 'toolong' }));
    expect(
      errors.map((e) => [e.property, e.constraints, e.children?.[0]?.children?.[0]?.constraints]),
    ).toEqual([
      ['lines', undefined, { min: 'qty must not be less than 1' }],
      ['code', { maxLength: 'code must be shorter than or equal to 3 characters' }, undefined],
    ]);
    expect(await validate(plainToInstance(PrimedOrder, { lines: [{ qty: 2 }] }))).toEqual([]);
    expect(await validate(plainToInstance(PrimedOrder, { lines: [] }))).toHaveLength(1);
  });

  it("validates in NestJS's ValidationPipe (whitelist, forbidNonWhitelisted)", async () => {
    const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    const meta = { type: 'body' as const, metatype: PrimedOrder };
    await expect(pipe.transform({ lines: [{ qty: 2 }], code: 'ab' }, meta)).resolves.toBeInstanceOf(
      PrimedOrder,
    );
    await expect(pipe.transform({ lines: [{ qty: 'two' }] }, meta)).rejects.toBeInstanceOf(
      BadRequestException,
    );
    await expect(pipe.transform({ lines: [{ qty: 2 }], other: 1 }, meta)).rejects.toBeInstanceOf(
      BadRequestException,
    );
  });
});

describe('@Field with NestJS mapped types and class-validator DTOs', () => {
  @Tool()
  class UpdateTrip extends PartialType(BookTrip) {}

  it('PartialType carries @Field descriptions and types, all optional', async () => {
    const properties = getToolDefinition(UpdateTrip).parameters.properties as Record<string, JsonSchema>;
    expect(getToolDefinition(UpdateTrip).parameters.required).toEqual([]);
    expect(properties.city).toEqual({
      type: ['string', 'null'],
      pattern: '^[A-Z][a-z]+$',
      description: 'Destination city',
      examples: ['Lisbon'],
    });
    expect(properties.guests).toEqual({
      type: ['array', 'null'],
      items: { $ref: '#/$defs/Guest' },
      minItems: 1,
      maxItems: 4,
    });
    expect(await classAccepts(UpdateTrip, { nights: 4 })).toEqual({ ok: true, errors: [] });
    expect((await classAccepts(UpdateTrip, { nights: 40, guests: [{ name: 7 }] })).errors.sort()).toEqual([
      'guests[0].name: name must be a string',
      'guests[0].name: name must be longer than or equal to 1 characters',
      'guests[0].name: name must be shorter than or equal to 80 characters',
      'nights: nights must not be greater than 30',
    ]);
  });

  it('adds a description to a DTO property and keeps its rules', async () => {
    @Tool()
    class Search {
      @Field({ description: 'What to look for' }) @IsString() @IsOptional() query?: string;
      @Field({ nullable: true }) @IsString() cursor!: string | null;
    }
    expect(getToolDefinition(Search).parameters).toMatchObject({
      properties: {
        query: { type: ['string', 'null'], description: 'What to look for' },
        cursor: { type: ['string', 'null'] },
      },
      required: ['cursor'],
    });
    expect((await classAccepts(Search, { cursor: null })).ok).toBe(true);
    expect((await classAccepts(Search, { cursor: 5 })).errors).toEqual(['cursor: cursor must be a string']);
    expect((await classAccepts(Search, {})).ok).toBe(false);
    expect(toGeminiFunctionDeclaration(Search).parameters).toMatchObject({
      required: ['cursor'],
      properties: { cursor: { nullable: true } },
    });
  });
});

describe('decorator checks', () => {
  const define = (fn: () => void) => expect(fn).toThrow(ToolDefinitionError);

  it('refuses contradictory or broken @Field options when the class is declared, naming Class.property', () => {
    expect(() => {
      class Bad {
        @Field({ minimum: 5, maximum: 1 }) n!: number;
      }
      return Bad;
    }).toThrow('@Field on Bad.n: `minimum` (5) is greater than `maximum` (1).');
    define(() => {
      class EmptyEnum {
        @Field({ enum: [] }) e!: string;
      }
      return EmptyEnum;
    });
    define(() => {
      class BadPattern {
        @Field({ pattern: '([' }) p!: string;
      }
      return BadPattern;
    });
    define(() => {
      class NotAThunk {
        @Field({ type: String as any }) p!: string;
      }
      return NotAThunk;
    });
  });

  it('refuses a tool name the providers would refuse', () => {
    expect(() => Tool({ name: 'book trip' })(class {})).toThrow(
      /not a valid tool name.*@Tool\(\{ name: 'get_weather' \}\)/,
    );
    expect(() => Tool({ name: 'a'.repeat(65) })(class {})).toThrow(ToolDefinitionError);
    expect(() => Tool({ name: 'book_trip-2' })(class {})).not.toThrow();
  });

  it('refuses a class that is not a tool', () => {
    class Plain {
      @Field() a!: string;
    }
    expect(() => getToolDefinition(Plain)).toThrow(expect.objectContaining({ code: 'not_a_tool' }));
  });
});
