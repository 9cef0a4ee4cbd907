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
  LabelOrderDto,
  OrderDraftDto,
  PayOrderDto,
  ReprioritizeOrderDto,
  UpdateOrderDto,
  validOrder,
} from './support/order.dtos';
import {
  classAccepts,
  geminiAsJsonSchema,
  makeAjv,
  toGeminiWire,
  toStrictWire,
} from './support/schema-agreement';

/**
 * What the schema allows, the class accepts, and the reverse: each payload is checked by ajv
 * against the schema a provider is given and by the class the way the extractor validates a call.
 * A verdict is `accept` or `refuse` (both agree), `schema only` or `class only` (a disagreement,
 * with its reason). Dialect verdicts default to the neutral one.
 */
type Verdict = 'accept' | 'refuse' | 'schema only' | 'class only';
interface Case {
  label: string;
  tool: ClassType;
  payload: Record<string, any>;
  neutral: Verdict;
  strict?: Verdict;
  gemini?: Verdict;
  why?: string;
}

const order = (change: (o: Record<string, any>) => void) => {
  const o = validOrder();
  change(o);
  return o;
};
const item = { productId: '0b8f4c3a-1d2e-4f5a-8b6c-7d8e9f0a1b2c', quantity: 1, unitPrice: 5 };
const STRICT_DROPS_LENGTH = 'OpenAI strict has no minLength/maxLength: they are only described';
const GEMINI_IS_OPEN = 'Gemini has no additionalProperties: false';
const GEMINI_NO_EMAIL = 'Gemini has no email format: it is only described';

const cases: Case[] = [
  { label: 'a complete order', tool: CreateOrderDto, payload: validOrder(), neutral: 'accept' },
  {
    label: 'optional properties null',
    tool: CreateOrderDto,
    payload: order((o) => Object.assign(o, { notes: null, tags: null, trackingUrl: null })),
    neutral: 'accept',
  },
  {
    label: 'all optional properties set',
    tool: CreateOrderDto,
    payload: order((o) =>
      Object.assign(o, {
        notes: 'ring twice',
        tags: ['gift', 'fragile'],
        trackingUrl: 'https://track.example.com/1',
        coupon_code: 'AB12CD',
      }),
    ),
    neutral: 'accept',
  },
  {
    label: 'a nested optional null',
    tool: CreateOrderDto,
    payload: order((o) => {
      o.items[0].note = null;
      o.shippingAddress.line2 = null;
    }),
    neutral: 'accept',
  },
  // Types, enums, formats and constraints: both refuse, in every dialect.
  {
    label: 'a required property missing',
    tool: CreateOrderDto,
    payload: order((o) => delete o.customerEmail),
    neutral: 'refuse',
  },
  {
    label: 'a boolean sent as a string',
    tool: CreateOrderDto,
    payload: order((o) => (o.giftWrap = 'true')),
    neutral: 'refuse',
  },
  {
    label: 'a string enum value not in the enum',
    tool: CreateOrderDto,
    payload: order((o) => (o.status = 'refunded')),
    neutral: 'refuse',
  },
  {
    label: 'a numeric enum member name',
    tool: CreateOrderDto,
    payload: order((o) => (o.priority = 'High')),
    neutral: 'refuse',
  },
  {
    label: 'a numeric enum value not in the enum',
    tool: CreateOrderDto,
    payload: order((o) => (o.priority = 4)),
    neutral: 'refuse',
  },
  {
    label: 'a numeric enum value as a string',
    tool: CreateOrderDto,
    payload: order((o) => (o.priority = '3')),
    neutral: 'refuse',
    gemini: 'accept',
    why: 'Gemini enums are strings: "3" is how Gemini sends 3, turned back into 3 before validation',
  },
  {
    label: 'an Equals value off',
    tool: CreateOrderDto,
    payload: order((o) => (o.schemaVersion = 'v2')),
    neutral: 'refuse',
  },
  {
    label: 'a non-integer quantity',
    tool: CreateOrderDto,
    payload: order((o) => (o.items[0].quantity = 1.5)),
    neutral: 'refuse',
  },
  {
    label: 'a quantity under @Min',
    tool: CreateOrderDto,
    payload: order((o) => (o.items[0].quantity = 0)),
    neutral: 'refuse',
  },
  {
    label: 'a quantity over @Max',
    tool: CreateOrderDto,
    payload: order((o) => (o.items[0].quantity = 101)),
    neutral: 'refuse',
  },
  {
    label: 'a zip off the @Matches pattern',
    tool: CreateOrderDto,
    payload: order((o) => (o.shippingAddress.zip = '1234')),
    neutral: 'refuse',
  },
  {
    label: 'a country off @IsIn',
    tool: CreateOrderDto,
    payload: order((o) => (o.shippingAddress.country = 'FR')),
    neutral: 'refuse',
  },
  {
    label: 'no items (@ArrayNotEmpty)',
    tool: CreateOrderDto,
    payload: order((o) => (o.items = [])),
    neutral: 'refuse',
  },
  {
    label: 'too many items (@ArrayMaxSize)',
    tool: CreateOrderDto,
    payload: order((o) => (o.items = Array(21).fill(item))),
    neutral: 'refuse',
  },
  {
    label: 'too many tags',
    tool: CreateOrderDto,
    payload: order((o) => (o.tags = ['aa', 'bb', 'cc', 'dd', 'ee', 'ff'])),
    neutral: 'refuse',
  },
  {
    label: 'tags not an array',
    tool: CreateOrderDto,
    payload: order((o) => (o.tags = 'gift')),
    neutral: 'refuse',
  },
  {
    label: 'an id that is no UUID',
    tool: CreateOrderDto,
    payload: order((o) => (o.requestId = 'order-1')),
    neutral: 'refuse',
  },
  {
    label: 'a UUID validator.js refuses (variant 1), which format: uuid alone would allow',
    tool: CreateOrderDto,
    payload: order((o) => (o.requestId = '12345678-1234-1234-1234-123456789abc')),
    neutral: 'refuse',
  },
  {
    label: 'a v1 UUID where @IsUUID("4") is asked',
    tool: CreateOrderDto,
    payload: order((o) => (o.items[0].productId = '6f1c1f5e-2b7a-1c1e-9d4b-3f2a1b0c9d8e')),
    neutral: 'refuse',
  },
  {
    label: 'a date that is no date',
    tool: CreateOrderDto,
    payload: order((o) => (o.requestedAt = 'yesterday')),
    neutral: 'refuse',
  },
  {
    label: 'a nested object null',
    tool: CreateOrderDto,
    payload: order((o) => (o.shippingAddress = null)),
    neutral: 'refuse',
  },
  {
    label: 'a coupon off its pattern, under its wire name',
    tool: CreateOrderDto,
    payload: order((o) => (o.coupon_code = 'ab')),
    neutral: 'refuse',
  },
  // What a dialect can only describe in words.
  {
    label: 'an empty street (@IsNotEmpty)',
    tool: CreateOrderDto,
    payload: order((o) => (o.shippingAddress.street = '')),
    neutral: 'refuse',
    strict: 'schema only',
    why: STRICT_DROPS_LENGTH,
  },
  {
    label: 'notes over @MaxLength',
    tool: CreateOrderDto,
    payload: order((o) => (o.notes = 'x'.repeat(501))),
    neutral: 'refuse',
    strict: 'schema only',
    why: STRICT_DROPS_LENGTH,
  },
  {
    label: 'a tag under @MinLength({ each })',
    tool: CreateOrderDto,
    payload: order((o) => (o.tags = ['a'])),
    neutral: 'refuse',
    strict: 'schema only',
    why: STRICT_DROPS_LENGTH,
  },
  {
    label: 'duplicate tags (@ArrayUnique)',
    tool: CreateOrderDto,
    payload: order((o) => (o.tags = ['gift', 'gift'])),
    neutral: 'refuse',
    strict: 'schema only',
    gemini: 'schema only',
    why: 'neither OpenAI strict nor Gemini has uniqueItems: it is only described',
  },
  {
    label: 'a zero unit price (@IsPositive)',
    tool: CreateOrderDto,
    payload: order((o) => (o.items[0].unitPrice = 0)),
    neutral: 'refuse',
    gemini: 'schema only',
    why: 'Gemini has no exclusiveMinimum: minimum 0 is sent and "greater than 0" described',
  },
  {
    label: 'an email without a dot in its domain',
    tool: CreateOrderDto,
    payload: order((o) => (o.customerEmail = 'ada@example')),
    neutral: 'refuse',
    gemini: 'schema only',
    why: GEMINI_NO_EMAIL,
  },
  {
    label: 'an unknown property',
    tool: CreateOrderDto,
    payload: order((o) => (o.coupon = 'x')),
    neutral: 'refuse',
    gemini: 'schema only',
    why: GEMINI_IS_OPEN,
  },
  {
    label: 'an unknown nested property',
    tool: CreateOrderDto,
    payload: order((o) => (o.shippingAddress.floor = 3)),
    neutral: 'refuse',
    gemini: 'schema only',
    why: GEMINI_IS_OPEN,
  },
  // What JSON Schema and class-validator disagree on, in every dialect.
  {
    label: 'a price with 3 decimals (@IsNumber({ maxDecimalPlaces: 2 }))',
    tool: CreateOrderDto,
    payload: order((o) => (o.items[0].unitPrice = 9.999)),
    neutral: 'schema only',
    why: 'no JSON Schema keyword says "at most 2 decimals" reliably: it is only described',
  },
  {
    label: 'a URL on localhost (@IsUrl requires a TLD)',
    tool: CreateOrderDto,
    payload: order((o) => (o.trackingUrl = 'http://localhost:3000/t')),
    neutral: 'schema only',
    why: "format: uri admits any scheme and host; validator.js's isURL does not",
  },
  {
    label: 'a date-only deliverBy (@IsDateString is ISO 8601)',
    tool: CreateOrderDto,
    payload: order((o) => (o.deliverBy = '2024-05-03')),
    neutral: 'class only',
    why: 'format: date-time is RFC 3339 (a full timestamp); ISO 8601 admits more',
  },
  {
    label: 'a timestamp as a number for an @IsDate',
    tool: CreateOrderDto,
    payload: order((o) => (o.requestedAt = 1714557600000)),
    neutral: 'class only',
    why: '@Type(() => Date) turns a number into a Date',
  },
  {
    label: 'the property name instead of the @Expose name',
    tool: CreateOrderDto,
    payload: order((o) => (o.couponCode = 'AB12CD')),
    neutral: 'class only',
    gemini: 'accept',
    why: 'class-transformer reads both names',
  },
  {
    label: 'an @Exclude()d property',
    tool: CreateOrderDto,
    payload: order((o) => (o.internalRef = 'x')),
    neutral: 'class only',
    gemini: 'accept',
    why: 'class-transformer drops it before validation',
  },
  {
    label: 'a nested object left out (@ValidateNested without @IsDefined)',
    tool: CreateOrderDto,
    payload: order((o) => delete o.shippingAddress),
    neutral: 'class only',
    strict: 'refuse',
    why: 'class-validator skips nested validation of undefined; strict sends null, which it refuses',
  },
  {
    label: 'a nested object sent as an array (@ValidateNested without @IsObject)',
    tool: CreateOrderDto,
    payload: order((o) => (o.shippingAddress = [o.shippingAddress])),
    neutral: 'class only',
    why: '@ValidateNested validates each element of an array',
  },
  {
    label: 'labels as an array',
    tool: LabelOrderDto,
    payload: { orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e', labels: ['urgent'] },
    neutral: 'accept',
  },
  {
    label: 'a lone value for an each: true rule without @IsArray',
    tool: LabelOrderDto,
    payload: { orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e', labels: 'urgent' },
    neutral: 'class only',
    why: 'class-validator applies each: true rules to a value that is not an array',
  },
  // Mapped types.
  { label: 'PartialType: nothing at all', tool: UpdateOrderDto, payload: {}, neutral: 'accept' },
  {
    label: 'PartialType: some properties, some null',
    tool: UpdateOrderDto,
    payload: { status: 'paid', priority: null, notes: null },
    neutral: 'accept',
  },
  {
    label: 'PartialType: rules still apply',
    tool: UpdateOrderDto,
    payload: { items: [] },
    neutral: 'refuse',
  },
  {
    label: 'PartialType: nested rules still apply',
    tool: UpdateOrderDto,
    payload: { shippingAddress: { street: '1 Main St', city: 'X', zip: '12345', country: 'US' } },
    neutral: 'refuse',
    strict: 'schema only',
    why: STRICT_DROPS_LENGTH,
  },
  {
    label: 'PickType: the picked properties',
    tool: ReprioritizeOrderDto,
    payload: { priority: 3, notes: 'rush' },
    neutral: 'accept',
  },
  {
    label: 'PickType: a property not picked',
    tool: ReprioritizeOrderDto,
    payload: { priority: 3, status: 'paid' },
    neutral: 'refuse',
    gemini: 'schema only',
    why: GEMINI_IS_OPEN,
  },
  {
    label: 'OmitType: the rest',
    tool: OrderDraftDto,
    payload: order((o) => {
      delete o.requestId;
      delete o.requestedAt;
      delete o.status;
      delete o.schemaVersion;
    }),
    neutral: 'accept',
  },
  {
    label: 'OmitType: an omitted property',
    tool: OrderDraftDto,
    payload: order((o) => {
      delete o.requestId;
      delete o.requestedAt;
      delete o.schemaVersion;
    }),
    neutral: 'refuse',
    gemini: 'schema only',
    why: GEMINI_IS_OPEN,
  },
  {
    label: 'IntersectionType: both halves',
    tool: GiftOrderDto,
    payload: { items: [item], message: 'Happy birthday', recipientEmail: 'bo@example.com' },
    neutral: 'accept',
  },
  {
    label: 'IntersectionType: the second half checked',
    tool: GiftOrderDto,
    payload: { items: [item], message: 'x'.repeat(141) },
    neutral: 'refuse',
    strict: 'schema only',
    why: STRICT_DROPS_LENGTH,
  },
  {
    label: 'IntersectionType: the first half checked',
    tool: GiftOrderDto,
    payload: { items: [{ ...item, quantity: 0 }], message: 'hi' },
    neutral: 'refuse',
  },
  {
    label: 'IntersectionType: a bad optional email',
    tool: GiftOrderDto,
    payload: { items: [item], message: 'hi', recipientEmail: 'bo' },
    neutral: 'refuse',
    gemini: 'schema only',
    why: GEMINI_NO_EMAIL,
  },
  // A class-transformer discriminated @Type (anyOf).
  {
    label: 'a card payment',
    tool: PayOrderDto,
    payload: {
      orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e',
      payment: { method: 'card', last4: '4242', expMonth: 12 },
    },
    neutral: 'accept',
  },
  {
    label: 'a bank payment',
    tool: PayOrderDto,
    payload: {
      orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e',
      payment: { method: 'bank', iban: 'DE44500105175407324931' },
    },
    neutral: 'accept',
  },
  {
    label: 'a card payment with bank fields',
    tool: PayOrderDto,
    payload: {
      orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e',
      payment: { method: 'card', iban: 'DE44500105175407324931' },
    },
    neutral: 'refuse',
  },
  {
    label: 'an unknown payment method',
    tool: PayOrderDto,
    payload: { orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e', payment: { method: 'cash' } },
    neutral: 'refuse',
  },
  {
    label: 'a card payment breaking a member rule',
    tool: PayOrderDto,
    payload: {
      orderId: '6f1c1f5e-2b7a-4c1e-9d4b-3f2a1b0c9d8e',
      payment: { method: 'card', last4: '4242', expMonth: 13 },
    },
    neutral: 'refuse',
  },
];

const ajv = makeAjv();
const schemaAccepts = (schema: JsonSchema, payload: unknown) => ajv.validate(schema, payload) as boolean;
const expected = (verdict: Verdict) => ({
  schema: verdict === 'accept' || verdict === 'schema only',
  class: verdict === 'accept' || verdict === 'class only',
});

describe('schema and class-validator agree on realistic DTOs', () => {
  it('gives a reason for every disagreement', () => {
    for (const c of cases) {
      const verdicts = [c.neutral, c.strict, c.gemini].filter(Boolean);
      if (verdicts.some((v) => v === 'schema only' || v === 'class only') || verdicts.length > 1)
        expect({ [c.label]: c.why }).toEqual({ [c.label]: expect.any(String) });
    }
  });

  describe.each(cases)('$label', (c) => {
    const label = (dialect: string, got: { schema: boolean; class: boolean; errors?: string[] }) => ({
      dialect,
      ...got,
    });

    it('neutral schema', async () => {
      const { parameters } = getToolDefinition(c.tool);
      const result = await classAccepts(c.tool, c.payload);
      const got = { schema: schemaAccepts(parameters, c.payload), class: result.ok };
      expect(label('neutral', got)).toEqual(label('neutral', expected(c.neutral)));
    });

    it('OpenAI strict', async () => {
      const parameters = toOpenAITool(c.tool, { strict: true }).function.parameters;
      const wire = toStrictWire(
        c.payload,
        parameters,
        (parameters.$defs ?? {}) as Record<string, JsonSchema>,
      );
      const result = await classAccepts(c.tool, wire, { dropNulls: true, enumStrings: false });
      const got = { schema: schemaAccepts(parameters, wire), class: result.ok };
      expect(label('strict', got)).toEqual(label('strict', expected(c.strict ?? c.neutral)));
    });

    it('Gemini', async () => {
      const parameters = toGeminiFunctionDeclaration(c.tool).parameters ?? { type: 'OBJECT', properties: {} };
      const wire = toGeminiWire(c.payload, parameters);
      const result = await classAccepts(c.tool, wire, { dropNulls: false, enumStrings: true });
      const got = { schema: schemaAccepts(geminiAsJsonSchema(parameters), wire), class: result.ok };
      expect(label('gemini', got)).toEqual(label('gemini', expected(c.gemini ?? c.neutral)));
    });
  });
});
