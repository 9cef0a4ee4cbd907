import { PartialType } from '@nestjs/mapped-types';
import { Exclude, Expose, plainToInstance, Type } from 'class-transformer';
import {
  Allow,
  Equals,
  IsArray,
  IsDate,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  Field,
  getToolDefinition,
  Tool,
  ToolDefinitionError,
  type ClassType,
  type JsonSchema,
} from 'parallel-tools';
import { classAccepts } from '../schema/support/schema-agreement';

const props = (c: ClassType) => getToolDefinition(c).parameters.properties as Record<string, JsonSchema>;
const required = (c: ClassType) => getToolDefinition(c).parameters.required as string[];

describe('type resolution never depends on decorator order', () => {
  @Tool()
  class TypeFirst {
    @IsInt() @Min(1) @Max(5) count!: number;
    @IsString() @IsNotEmpty() @MinLength(3) @MaxLength(9) code!: string;
  }
  @Tool()
  class TypeLast {
    @Max(5) @Min(1) @IsInt() count!: number;
    @MaxLength(9) @MinLength(3) @IsNotEmpty() @IsString() code!: string;
  }

  it('gives byte-identical schemas, integer over number and the strictest bound', () => {
    expect(JSON.stringify(props(TypeLast))).toBe(JSON.stringify(props(TypeFirst)));
    expect(props(TypeLast)).toEqual({
      count: { type: 'integer', minimum: 1, maximum: 5 },
      code: { type: 'string', minLength: 3, maxLength: 9 },
    });
  });
});

describe('where a property type comes from', () => {
  enum Status {
    On,
    Off,
  }
  class Address {
    @IsString() city!: string;
  }

  // What the NestJS Swagger CLI plugin writes into a compiled DTO (its own test fixtures' shape).
  @Tool()
  class PluginDto {
    @IsInt() age!: number;
    name!: string;
    nickname?: string | null;
    static _OPENAPI_METADATA_FACTORY() {
      return {
        age: { required: true, type: () => Number, description: 'Years', default: 3, minimum: 0 },
        name: { required: true, type: () => String, description: 'Full name', example: 'Ada' },
        nickname: { required: false, type: () => String, nullable: true },
        tags: { required: true, type: () => [String] },
        status: { required: true, enum: Status },
        statuses: { required: false, enum: Status, isArray: true },
        address: { required: true, type: () => Address },
      };
    }
  }

  it('reads the Swagger plugin factory: properties, arrays, enums, classes, presence, descriptions', () => {
    expect(props(PluginDto)).toEqual({
      age: { type: 'integer', description: 'Years', default: 3 },
      name: { type: 'string', description: 'Full name', examples: ['Ada'] },
      nickname: { type: ['string', 'null'] },
      tags: { type: 'array', items: { type: 'string' } },
      status: { type: 'integer', enum: [0, 1] },
      statuses: { type: 'array', items: { type: 'integer', enum: [0, 1] } },
      address: { $ref: '#/$defs/Address' },
    });
    expect(required(PluginDto)).toEqual(['age', 'name', 'tags', 'status', 'address']);
  });

  it('validates what only the plugin describes, as the schema says', async () => {
    const ok = { age: 3, name: 'Ada', tags: ['a'], status: 1, address: { city: 'Paris' } };
    expect(await classAccepts(PluginDto, ok)).toEqual({ ok: true, errors: [] });
    expect(
      (await classAccepts(PluginDto, { ...ok, name: 5, tags: [1], status: 'On', address: {} })).errors,
    ).toEqual([
      'name: name must be a string',
      'tags: each value in tags must be a string',
      'status: status must be one of the following values: 0, 1',
      'address.city: city must be a string',
    ]);
    expect((await classAccepts(PluginDto, { ...ok, nickname: null })).ok).toBe(true);
  });

  @Tool()
  class Precedence {
    @Field({ type: () => Int2 }) @IsString() fieldWins!: number;
    @IsInt() @Type(() => Number) typeThenRule!: number;
    @Allow() fromDesignType!: boolean;
    @IsIn([1, 2]) @Type(() => Number) enumOverType!: number;
    @Equals(true) accepted!: boolean;
  }
  class Int2 {}

  it('takes @Field, then the plugin, then @Type, then class-validator rules, then design:type', () => {
    expect(props(Precedence)).toEqual({
      fieldWins: { $ref: '#/$defs/Int2' },
      typeThenRule: { type: 'integer' },
      fromDesignType: { type: 'boolean' },
      enumOverType: { type: 'integer', enum: [1, 2] },
      accepted: { type: 'boolean', const: true },
    });
  });
});

describe('what cannot be known is a ToolDefinitionError naming Class.property and the fix', () => {
  const resolve = (c: ClassType) => () => getToolDefinition(c);

  it('an array with no element type', () => {
    @Tool()
    class Tagged {
      @IsArray() tags!: string[];
    }
    expect(resolve(Tagged)).toThrow(ToolDefinitionError);
    expect(resolve(Tagged)).toThrow(
      /^Tagged\.tags: the element type of this array is unknown.*@Type\(\(\) => Item\).*@IsString\(\{ each: true \}\).*@Field\(\{ type: \(\) => \[Item\] \}\)/,
    );
  });

  it('a union, which reflects as Object', () => {
    @Tool()
    class Mixed {
      @IsDefined() value!: string | number;
    }
    expect(resolve(Mixed)).toThrow(
      expect.objectContaining({ code: 'unknown_property_type', property: 'value' }),
    );
    expect(resolve(Mixed)).toThrow(
      /^Mixed\.value: its type is unknown.*`T \| null`.*@IsString\(\).*@Field\(\{ type: \(\) => String, nullable: true \}\)/,
    );
  });

  it('a Record behind @IsObject()', () => {
    @Tool()
    class Meta {
      @IsObject() meta!: Record<string, string>;
    }
    expect(resolve(Meta)).toThrow(
      /^Meta\.meta: @IsObject\(\) alone describes a free-form object.*@ValidateNested\(\) and @Type\(\(\) => SomeClass\)/,
    );
  });

  it('any', () => {
    @Tool()
    class Anything {
      @Allow() anything: any;
    }
    expect(resolve(Anything)).toThrow(/^Anything\.anything: its type is unknown/);
  });
});

describe('what the class-transformer and class-validator stores say about presence and names', () => {
  @Exclude()
  class ExposedOnly {
    @Expose() @IsString() shown!: string;
    @IsString() hidden!: string;
  }
  @Tool()
  class Transformed {
    @Expose({ name: 'wire_name', toPlainOnly: true }) @IsString() outputName!: string;
    @Exclude({ toPlainOnly: true }) @IsString() secretInput!: string;
    @Expose({ groups: ['admin'] }) @IsOptional() @IsString() adminOnly?: string;
    @IsOptional() @IsDefined() optionalWins?: string;
    @ValidateIf((o) => o.kind === 'x') @IsString() conditional!: string;
    @ValidateNested() @Type(() => ExposedOnly) nested!: ExposedOnly;
  }

  it('reads options: toPlainOnly names and exclusions do not apply to input, grouped @Expose is never filled', () => {
    expect(Object.keys(props(Transformed))).toEqual([
      'outputName',
      'secretInput',
      'optionalWins',
      'conditional',
      'nested',
    ]);
    expect(getToolDefinition(Transformed).parameters.$defs).toEqual({
      ExposedOnly: {
        type: 'object',
        properties: { shown: { type: 'string' } },
        required: ['shown'],
        additionalProperties: false,
      },
    });
  });

  it('@IsOptional beats @IsDefined; a @ValidateIf looking at other properties keeps the property required', () => {
    expect(props(Transformed).optionalWins).toEqual({ type: ['string', 'null'] });
    expect(required(Transformed)).toEqual(['outputName', 'secretInput', 'conditional', 'nested']);
  });

  class Base {
    @IsString() name!: string;
    @IsOptional() @IsInt() age?: number;
  }
  @Tool()
  class Partial extends PartialType(Base, { skipNullProperties: false }) {}

  it('PartialType with skipNullProperties: false makes properties optional but not nullable (its @ValidateIf is probed)', async () => {
    expect(props(Partial)).toEqual({ name: { type: 'string' }, age: { type: ['integer', 'null'] } });
    expect(required(Partial)).toEqual([]);
    expect((await classAccepts(Partial, {})).ok).toBe(true);
    expect((await classAccepts(Partial, { name: null })).ok).toBe(false);
  });
});

describe('rules a DTO cannot work without are installed', () => {
  enum Priority {
    Low = 1,
    High = 3,
  }
  class Address {
    @IsString() city!: string;
  }
  @Tool()
  class Ticket {
    @IsEnum(Priority) priority!: Priority;
    @IsDate() dueAt!: Date;
    @ValidateNested() address!: Address;
  }

  it('@Type(() => Date) for an @IsDate and @Type(() => Class) for a nested class, when missing', async () => {
    expect(props(Ticket).dueAt).toEqual({ type: 'string', format: 'date-time' });
    expect(props(Ticket).address).toEqual({ $ref: '#/$defs/Address' });
    expect(
      await classAccepts(Ticket, { priority: 3, dueAt: '2024-05-01T10:00:00Z', address: { city: 'Paris' } }),
    ).toEqual({ ok: true, errors: [] });
    expect((await classAccepts(Ticket, { priority: 3, dueAt: 'soon', address: { city: 7 } })).errors).toEqual(
      ['dueAt: dueAt must be a Date instance', 'address.city: city must be a string'],
    );
    expect(plainToInstance(Ticket, { dueAt: '2024-05-01T10:00:00Z' }).dueAt).toBeInstanceOf(Date);
  });

  it("refuses a numeric enum's member name in tool calls, and leaves the app's own validation as it was", async () => {
    getToolDefinition(Ticket);
    const call = await classAccepts(Ticket, {
      priority: 'High',
      dueAt: '2024-05-01T10:00:00Z',
      address: { city: 'Paris' },
    });
    expect(call.errors).toEqual(['priority: priority must be one of the following values: 1, 3']);
    const own = plainToInstance(Ticket, {
      priority: 'High',
      dueAt: '2024-05-01T10:00:00Z',
      address: { city: 'Paris' },
    });
    expect(await validate(own)).toEqual([]);
  });

  it('keeps the rules a base class declares when @Field on a subclass adds constraints', async () => {
    class Named {
      @IsString() @MinLength(3) name!: string;
    }
    @Tool()
    class ShortNamed extends Named {
      @Field({ maxLength: 5, description: 'A short name' }) declare name: string;
    }
    expect(props(ShortNamed).name).toEqual({
      type: 'string',
      minLength: 3,
      maxLength: 5,
      description: 'A short name',
    });
    expect((await classAccepts(ShortNamed, { name: 'abcd' })).ok).toBe(true);
    expect((await classAccepts(ShortNamed, { name: 'ab' })).errors).toEqual([
      'name: name must be longer than or equal to 3 characters',
    ]);
    expect((await classAccepts(ShortNamed, { name: 'abcdef' })).errors).toEqual([
      'name: name must be shorter than or equal to 5 characters',
    ]);
    expect((await classAccepts(ShortNamed, { name: 5 })).errors).toContain('name: name must be a string');
  });

  it('lets a tool without arguments validate', async () => {
    @Tool()
    class Ping {}
    expect(getToolDefinition(Ping).parameters).toEqual({
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    });
    expect(await classAccepts(Ping, {})).toEqual({ ok: true, errors: [] });
    expect((await classAccepts(Ping, { x: 1 })).ok).toBe(false);
  });
});

describe('a discriminated member that declares the discriminator itself', () => {
  class Circle {
    @Equals('circle') kind!: 'circle';
    @Min(0) radius!: number;
  }
  class Square {
    @Min(0) side!: number;
  }
  @Tool()
  class Draw {
    @ValidateNested()
    @Type(() => Object, {
      discriminator: {
        property: 'kind',
        subTypes: [
          { name: 'circle', value: Circle },
          { name: 'square', value: Square },
        ],
      },
      keepDiscriminatorProperty: true,
    })
    shape!: Circle | Square;
  }

  it('lists the discriminator once, first', () => {
    expect((getToolDefinition(Draw).parameters.$defs as any).Circle).toEqual({
      type: 'object',
      properties: { kind: { type: 'string', enum: ['circle'] }, radius: { type: 'number', minimum: 0 } },
      required: ['kind', 'radius'],
      additionalProperties: false,
    });
  });
});
