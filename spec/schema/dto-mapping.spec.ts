import {
  getToolDefinition,
  toGeminiFunctionDeclaration,
  toOpenAITool,
  type ClassType,
  type JsonSchema,
} from 'parallel-tools';
import {
  CreateOrderDto,
  GiftOrderDto,
  OrderDraftDto,
  PayOrderDto,
  ReprioritizeOrderDto,
  UpdateOrderDto,
} from './support/order.dtos';

const UUID_ANY = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';
const UUID_V4 = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';

const neutral = (c: ClassType) => getToolDefinition(c).parameters;
const strict = (c: ClassType) => toOpenAITool(c, { strict: true }).function.parameters;
const gemini = (c: ClassType) => toGeminiFunctionDeclaration(c).parameters as JsonSchema;
const props = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

/** Each property of the order DTO: the decorators, then what each dialect makes of them. */
const ORDER: Array<
  [property: string, decorators: string, neutral: JsonSchema, strict: JsonSchema, gemini: JsonSchema]
> = [
  [
    'requestId',
    'inherited @IsUUID()',
    { type: 'string', format: 'uuid', pattern: UUID_ANY },
    { type: 'string', format: 'uuid', pattern: UUID_ANY },
    { type: 'STRING', pattern: UUID_ANY, description: '(format: uuid)' },
  ],
  [
    'requestedAt',
    'inherited @IsDate() @Type(() => Date)',
    { type: 'string', format: 'date-time' },
    { type: 'string', format: 'date-time' },
    { type: 'STRING', format: 'date-time' },
  ],
  [
    'customerEmail',
    '@IsEmail()',
    { type: 'string', format: 'email' },
    { type: 'string', format: 'email' },
    { type: 'STRING', description: '(format: email)' },
  ],
  [
    'items',
    '@IsArray() @ArrayNotEmpty() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => LineItemDto)',
    { type: 'array', items: { $ref: '#/$defs/LineItemDto' }, minItems: 1, maxItems: 20 },
    { type: 'array', items: { $ref: '#/$defs/LineItemDto' }, minItems: 1, maxItems: 20 },
    {
      type: 'ARRAY',
      items: expect.objectContaining({ type: 'OBJECT', required: ['productId', 'quantity', 'unitPrice'] }),
      minItems: 1,
      maxItems: 20,
    },
  ],
  [
    'status',
    '@IsEnum(OrderStatus) (string enum)',
    { type: 'string', enum: ['pending', 'paid', 'shipped'] },
    { type: 'string', enum: ['pending', 'paid', 'shipped'] },
    { type: 'STRING', format: 'enum', enum: ['pending', 'paid', 'shipped'] },
  ],
  [
    'priority',
    '@IsEnum(Priority) (numeric enum)',
    { type: 'integer', enum: [1, 2, 3] },
    { type: 'integer', enum: [1, 2, 3] },
    { type: 'STRING', format: 'enum', enum: ['1', '2', '3'] },
  ],
  [
    'notes',
    '@IsOptional() @IsString() @MaxLength(500)',
    { type: ['string', 'null'], maxLength: 500 },
    { type: ['string', 'null'], description: '(at most 500 characters)' },
    { type: 'STRING', maxLength: 500, nullable: true },
  ],
  [
    'tags',
    '@IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(5) @IsString({ each: true }) @MinLength(2, { each: true })',
    { type: ['array', 'null'], items: { type: 'string', minLength: 2 }, maxItems: 5, uniqueItems: true },
    {
      type: ['array', 'null'],
      items: { type: 'string', description: '(at least 2 characters)' },
      maxItems: 5,
      description: '(items must be unique)',
    },
    {
      type: 'ARRAY',
      items: { type: 'STRING', minLength: 2 },
      maxItems: 5,
      description: '(items must be unique)',
      nullable: true,
    },
  ],
  [
    'deliverBy',
    '@IsDateString()',
    { type: 'string', format: 'date-time' },
    { type: 'string', format: 'date-time' },
    { type: 'STRING', format: 'date-time' },
  ],
  ['giftWrap', '@IsBoolean()', { type: 'boolean' }, { type: 'boolean' }, { type: 'BOOLEAN' }],
  [
    'trackingUrl',
    '@IsOptional() @IsUrl()',
    { type: ['string', 'null'], format: 'uri' },
    { type: ['string', 'null'], description: '(format: uri)' },
    { type: 'STRING', description: '(format: uri)', nullable: true },
  ],
  [
    'coupon_code',
    "@Expose({ name: 'coupon_code' }) @IsOptional() @Matches(/^[A-Z0-9]{6}$/) couponCode",
    { type: ['string', 'null'], pattern: '^[A-Z0-9]{6}$' },
    { type: ['string', 'null'], pattern: '^[A-Z0-9]{6}$' },
    { type: 'STRING', pattern: '^[A-Z0-9]{6}$', nullable: true },
  ],
  [
    'schemaVersion',
    "@Equals('v1')",
    { type: 'string', enum: ['v1'] },
    { type: 'string', enum: ['v1'] },
    { type: 'STRING', format: 'enum', enum: ['v1'] },
  ],
];

const ADDRESS: Array<[string, string, JsonSchema, JsonSchema, JsonSchema]> = [
  [
    'street',
    '@IsString() @IsNotEmpty() @MaxLength(120)',
    { type: 'string', minLength: 1, maxLength: 120 },
    { type: 'string', description: '(at least 1 character; at most 120 characters)' },
    { type: 'STRING', minLength: 1, maxLength: 120 },
  ],
  [
    'city',
    '@IsString() @Length(2, 64)',
    { type: 'string', minLength: 2, maxLength: 64 },
    { type: 'string', description: '(at least 2 characters; at most 64 characters)' },
    { type: 'STRING', minLength: 2, maxLength: 64 },
  ],
  [
    'zip',
    '@Matches(/^[0-9]{5}$/) (no @IsString: Matches implies a string)',
    { type: 'string', pattern: '^[0-9]{5}$' },
    { type: 'string', pattern: '^[0-9]{5}$' },
    { type: 'STRING', pattern: '^[0-9]{5}$' },
  ],
  [
    'country',
    "@IsIn(['US', 'CA', 'MX'])",
    { type: 'string', enum: ['US', 'CA', 'MX'] },
    { type: 'string', enum: ['US', 'CA', 'MX'] },
    { type: 'STRING', format: 'enum', enum: ['US', 'CA', 'MX'] },
  ],
  [
    'line2',
    '@IsOptional() @IsString()',
    { type: ['string', 'null'] },
    { type: ['string', 'null'] },
    { type: 'STRING', nullable: true },
  ],
];

const LINE_ITEM: Array<[string, string, JsonSchema, JsonSchema, JsonSchema]> = [
  [
    'productId',
    "@IsUUID('4')",
    { type: 'string', format: 'uuid', pattern: UUID_V4 },
    { type: 'string', format: 'uuid', pattern: UUID_V4 },
    { type: 'STRING', pattern: UUID_V4, description: '(format: uuid)' },
  ],
  [
    'quantity',
    '@Max(100) @Min(1) @IsInt() (constraints first)',
    { type: 'integer', minimum: 1, maximum: 100 },
    { type: 'integer', minimum: 1, maximum: 100 },
    { type: 'INTEGER', minimum: 1, maximum: 100 },
  ],
  [
    'unitPrice',
    '@IsPositive() @IsNumber({ maxDecimalPlaces: 2 })',
    { type: 'number', exclusiveMinimum: 0, description: '(at most 2 decimal places)' },
    { type: 'number', exclusiveMinimum: 0, description: '(at most 2 decimal places)' },
    { type: 'NUMBER', minimum: 0, description: '(at most 2 decimal places) (greater than 0)' },
  ],
  [
    'note',
    '@IsOptional() @IsString() @MaxLength(200)',
    { type: ['string', 'null'], maxLength: 200 },
    { type: ['string', 'null'], description: '(at most 200 characters)' },
    { type: 'STRING', maxLength: 200, nullable: true },
  ],
];

describe('a class-validator order DTO marked only with @Tool()', () => {
  it('keeps the tool name and description, and leaves the @Exclude()d property out', () => {
    expect(getToolDefinition(CreateOrderDto)).toMatchObject({
      name: 'CreateOrderDto',
      description: 'Place an order',
    });
    expect(Object.keys(props(neutral(CreateOrderDto)))).toEqual([
      'requestId',
      'requestedAt',
      'customerEmail',
      'shippingAddress',
      'items',
      'status',
      'priority',
      'notes',
      'tags',
      'deliverBy',
      'giftWrap',
      'trackingUrl',
      'coupon_code',
      'schemaVersion',
    ]);
  });

  it('requires what has no @IsOptional (neutral, Gemini) and everything in strict mode', () => {
    const required = [
      'requestId',
      'requestedAt',
      'customerEmail',
      'shippingAddress',
      'items',
      'status',
      'priority',
      'deliverBy',
      'giftWrap',
      'schemaVersion',
    ];
    expect(neutral(CreateOrderDto)).toMatchObject({ type: 'object', required, additionalProperties: false });
    expect(gemini(CreateOrderDto)).toMatchObject({ type: 'OBJECT', required });
    expect(gemini(CreateOrderDto)).not.toHaveProperty('additionalProperties');
    expect(strict(CreateOrderDto)).toMatchObject({
      required: Object.keys(props(neutral(CreateOrderDto))),
      additionalProperties: false,
    });
  });

  it.each(ORDER)('%s: %s', (name, _decorators, n, s, g) => {
    expect(props(neutral(CreateOrderDto))[name]).toEqual(n);
    expect(props(strict(CreateOrderDto))[name]).toEqual(s);
    expect(props(gemini(CreateOrderDto))[name]).toEqual(g);
  });

  it('describes the nested address once in $defs (neutral, strict) and inline (Gemini)', () => {
    expect(props(neutral(CreateOrderDto)).shippingAddress).toEqual({ $ref: '#/$defs/AddressDto' });
    expect(props(strict(CreateOrderDto)).shippingAddress).toEqual({ $ref: '#/$defs/AddressDto' });
    const defs = (s: JsonSchema) => s.$defs as Record<string, JsonSchema>;
    expect(defs(neutral(CreateOrderDto)).AddressDto).toMatchObject({
      required: ['street', 'city', 'zip', 'country'],
      additionalProperties: false,
    });
    expect(defs(strict(CreateOrderDto)).AddressDto).toMatchObject({
      required: ['street', 'city', 'zip', 'country', 'line2'],
      additionalProperties: false,
    });
    expect(props(gemini(CreateOrderDto)).shippingAddress).toMatchObject({
      type: 'OBJECT',
      required: ['street', 'city', 'zip', 'country'],
    });
  });

  it.each(ADDRESS)('AddressDto.%s: %s', (name, _decorators, n, s, g) => {
    expect(props((neutral(CreateOrderDto).$defs as any).AddressDto)[name]).toEqual(n);
    expect(props((strict(CreateOrderDto).$defs as any).AddressDto)[name]).toEqual(s);
    expect(props(props(gemini(CreateOrderDto)).shippingAddress)[name]).toEqual(g);
  });

  it.each(LINE_ITEM)('LineItemDto.%s: %s', (name, _decorators, n, s, g) => {
    expect(props((neutral(CreateOrderDto).$defs as any).LineItemDto)[name]).toEqual(n);
    expect(props((strict(CreateOrderDto).$defs as any).LineItemDto)[name]).toEqual(s);
    expect(props(props(gemini(CreateOrderDto)).items.items as JsonSchema)[name]).toEqual(g);
  });
});

describe('NestJS mapped types over the order DTO', () => {
  it('PartialType: nothing required, every property nullable (IsOptional), nested rules kept', () => {
    const schema = neutral(UpdateOrderDto);
    expect(schema.required).toEqual([]);
    expect(Object.keys(props(schema)).sort()).toEqual(Object.keys(props(neutral(CreateOrderDto))).sort());
    expect(props(schema).priority).toEqual({ type: ['integer', 'null'], enum: [1, 2, 3, null] });
    expect(props(schema).shippingAddress).toEqual({
      anyOf: [{ $ref: '#/$defs/AddressDto' }, { type: 'null' }],
    });
    expect(props(schema).items).toEqual({
      type: ['array', 'null'],
      items: { $ref: '#/$defs/LineItemDto' },
      minItems: 1,
      maxItems: 20,
    });
    expect(props(schema).requestedAt).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect((schema.$defs as any).AddressDto.required).toEqual(['street', 'city', 'zip', 'country']);
    expect(props(gemini(UpdateOrderDto)).shippingAddress).toMatchObject({ type: 'OBJECT', nullable: true });
    expect(props(strict(UpdateOrderDto)).priority).toEqual({
      type: ['integer', 'null'],
      enum: [1, 2, 3, null],
    });
  });

  it('PickType: only the picked properties, with their rules', () => {
    expect(neutral(ReprioritizeOrderDto)).toEqual({
      type: 'object',
      properties: {
        priority: { type: 'integer', enum: [1, 2, 3] },
        notes: { type: ['string', 'null'], maxLength: 500 },
      },
      required: ['priority'],
      additionalProperties: false,
    });
  });

  it('OmitType: every other property, the inherited ones included', () => {
    const keys = Object.keys(props(neutral(OrderDraftDto)));
    expect(keys.sort()).toEqual(
      [
        'customerEmail',
        'shippingAddress',
        'items',
        'priority',
        'notes',
        'tags',
        'deliverBy',
        'giftWrap',
        'trackingUrl',
        'coupon_code',
      ].sort(),
    );
    expect(props(neutral(OrderDraftDto)).coupon_code).toEqual({
      type: ['string', 'null'],
      pattern: '^[A-Z0-9]{6}$',
    });
  });

  it('IntersectionType: both classes, with their nested definitions', () => {
    const schema = neutral(GiftOrderDto);
    expect(props(schema)).toEqual({
      items: { type: 'array', items: { $ref: '#/$defs/LineItemDto' }, minItems: 1, maxItems: 20 },
      message: { type: 'string', maxLength: 140 },
      recipientEmail: { type: ['string', 'null'], format: 'email' },
    });
    expect(schema.required).toEqual(['items', 'message']);
    expect(Object.keys(schema.$defs as object)).toEqual(['LineItemDto']);
  });
});

describe('a class-transformer discriminated @Type', () => {
  const card = {
    type: 'object',
    properties: {
      method: { type: 'string', enum: ['card'] },
      last4: { type: 'string', pattern: '^\\d{4}$' },
      expMonth: { type: 'integer', minimum: 1, maximum: 12 },
    },
    required: ['method', 'last4', 'expMonth'],
    additionalProperties: false,
  };
  const bank = {
    type: 'object',
    properties: {
      method: { type: 'string', enum: ['bank'] },
      iban: { type: 'string', pattern: '^[A-Z]{2}\\d{2}[A-Z0-9]{10,30}$' },
    },
    required: ['method', 'iban'],
    additionalProperties: false,
  };

  it('is an anyOf of its members, each carrying its discriminator value', () => {
    const schema = neutral(PayOrderDto);
    expect(props(schema).payment).toEqual({
      anyOf: [{ $ref: '#/$defs/CardPaymentDto' }, { $ref: '#/$defs/BankPaymentDto' }],
    });
    expect(schema.$defs).toEqual({ CardPaymentDto: card, BankPaymentDto: bank });
    expect(strict(PayOrderDto).$defs).toEqual({ CardPaymentDto: card, BankPaymentDto: bank });
  });

  it('is inlined for Gemini, with the discriminator as a one-value enum', () => {
    const payment = props(gemini(PayOrderDto)).payment;
    expect(payment.anyOf).toEqual([
      {
        type: 'OBJECT',
        properties: {
          method: { type: 'STRING', format: 'enum', enum: ['card'] },
          last4: { type: 'STRING', pattern: '^\\d{4}$' },
          expMonth: { type: 'INTEGER', minimum: 1, maximum: 12 },
        },
        required: ['method', 'last4', 'expMonth'],
      },
      {
        type: 'OBJECT',
        properties: {
          method: { type: 'STRING', format: 'enum', enum: ['bank'] },
          iban: { type: 'STRING', pattern: '^[A-Z]{2}\\d{2}[A-Z0-9]{10,30}$' },
        },
        required: ['method', 'iban'],
      },
    ]);
  });
});
