import {
  Field,
  getToolDefinition,
  toGeminiFunctionDeclaration,
  toOpenAITool,
  Tool,
  ToolDefinitionError,
  type ClassType,
  type JsonSchema,
} from 'parallel-tools';
import { IsInt, IsNegative, IsPositive, Equals, IsOptional } from 'class-validator';
import {
  CreateOrderDto,
  GiftOrderDto,
  OrderDraftDto,
  PayOrderDto,
  ReprioritizeOrderDto,
  UpdateOrderDto,
} from './support/order.dtos';
import { objectNodes } from './support/schema-agreement';

class Leaf {
  @Field({ description: 'A label', default: 'x', example: 'y', minLength: 2 }) label!: string;
}

@Tool()
class Described {
  @Field({ description: 'Where it ships', type: () => Leaf }) leaf!: Leaf;
  @Field({ description: 'Maybe another', type: () => Leaf, optional: true }) other?: Leaf;
  @Field({ type: () => [Leaf], uniqueItems: true }) leaves!: Leaf[];
  @Field({ format: 'uri', default: 'https://example.com' }) site!: string;
}

class TreeNode {
  @Field() name!: string;
  @Field({ description: 'The parent', type: () => TreeNode, optional: true }) parent?: TreeNode;
  @Field({ type: () => [TreeNode] }) children!: TreeNode[];
}

@Tool()
class Tree {
  @Field({ type: () => TreeNode }) root!: TreeNode;
}

const TOOLS: ClassType[] = [
  CreateOrderDto,
  UpdateOrderDto,
  ReprioritizeOrderDto,
  OrderDraftDto,
  GiftOrderDto,
  PayOrderDto,
  Described,
  Tree,
];
const STRICT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'description',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
]);

/** Every schema node, with its path. */
function nodes(node: JsonSchema, path = '#'): Array<{ path: string; node: JsonSchema }> {
  const all = [{ path, node }];
  for (const key of ['properties', '$defs'] as const) {
    for (const [k, v] of Object.entries((node[key] ?? {}) as Record<string, JsonSchema>))
      all.push(...nodes(v, `${path}/${key}/${k}`));
  }
  if (node.items) all.push(...nodes(node.items as JsonSchema, `${path}/items`));
  ((node.anyOf ?? []) as JsonSchema[]).forEach((m, i) => all.push(...nodes(m, `${path}/anyOf/${i}`)));
  return all;
}

describe('OpenAI strict dialect', () => {
  it.each(TOOLS.map((t) => [t.name, t] as const))(
    '%s: every object closed and fully required, nested $defs too',
    (_name, tool) => {
      const schema = toOpenAITool(tool, { strict: true }).function.parameters;
      expect(schema.type).toBe('object');
      const objects = objectNodes(schema);
      expect(objects.length).toBeGreaterThanOrEqual(1);
      for (const { path, node } of objects) {
        expect({ path, additionalProperties: node.additionalProperties }).toEqual({
          path,
          additionalProperties: false,
        });
        expect({ path, required: node.required }).toEqual({
          path,
          required: Object.keys(node.properties as object),
        });
      }
    },
  );

  it.each(TOOLS.map((t) => [t.name, t] as const))(
    '%s: optional properties nullable, only strict keywords, no $ref with siblings',
    (_name, tool) => {
      const neutral = getToolDefinition(tool).parameters;
      const schema = toOpenAITool(tool, { strict: true }).function.parameters;
      for (const { path, node } of nodes(schema)) {
        expect({
          path,
          unsupported: Object.keys(node).filter(
            (k) => !STRICT_KEYWORDS.has(k) && !path.endsWith('/properties/' + k),
          ),
        }).toEqual({ path, unsupported: [] });
        if (node.$ref) expect({ path, keys: Object.keys(node) }).toEqual({ path, keys: ['$ref'] });
      }
      const optional = Object.keys(neutral.properties as object).filter(
        (k) => !(neutral.required as string[]).includes(k),
      );
      for (const name of optional) {
        const p = (schema.properties as Record<string, JsonSchema>)[name];
        const nullable =
          (Array.isArray(p.type) && p.type.includes('null')) ||
          (p.anyOf as JsonSchema[] | undefined)?.some((m) => m.type === 'null');
        expect({ name, nullable }).toEqual({ name, nullable: true });
      }
    },
  );

  it('moves the keywords outside the strict subset into the description', () => {
    const schema = toOpenAITool(Described, { strict: true }).function.parameters as any;
    expect(schema.properties.site).toEqual({
      type: 'string',
      description: '(format: uri; default: "https://example.com")',
    });
    expect(schema.properties.leaves).toEqual({
      type: 'array',
      items: { $ref: '#/$defs/Leaf' },
      description: '(items must be unique)',
    });
    expect(schema.$defs.Leaf.properties.label).toEqual({
      type: 'string',
      description: 'A label (at least 2 characters; example: "y"; default: "x")',
    });
  });

  it('inlines a $ref that carries a description (strict mode refuses keywords beside $ref)', () => {
    const schema = toOpenAITool(Described, { strict: true }).function.parameters as any;
    expect(getToolDefinition(Described).parameters.properties).toMatchObject({
      leaf: { $ref: '#/$defs/Leaf', description: 'Where it ships' },
    });
    expect(schema.properties.leaf).toEqual({
      type: 'object',
      description: 'Where it ships',
      properties: {
        label: { type: 'string', description: 'A label (at least 2 characters; example: "y"; default: "x")' },
      },
      required: ['label'],
      additionalProperties: false,
    });
    expect(schema.properties.other.anyOf).toEqual([
      expect.objectContaining({ type: 'object', additionalProperties: false }),
      { type: 'null' },
    ]);
    expect(schema.properties.other.description).toBe('Maybe another');
  });

  it('keeps a plain $ref for a recursive class, dropping the keywords beside it', () => {
    const schema = toOpenAITool(Tree, { strict: true }).function.parameters as any;
    expect(schema.$defs.TreeNode.properties.parent).toEqual({
      anyOf: [{ $ref: '#/$defs/TreeNode' }, { type: 'null' }],
      description: 'The parent',
    });
    expect(schema.$defs.TreeNode.properties.children).toEqual({
      type: 'array',
      items: { $ref: '#/$defs/TreeNode' },
    });
  });
});

@Tool()
class Bounds {
  @IsInt() @IsPositive() count!: number;
  @IsInt() @IsNegative() debt!: number;
  @IsPositive() ratio!: number;
  @Equals(true) accepted!: boolean;
}

@Tool()
class NoArguments {}

@Tool()
class Priced {
  @Field({ enum: [1, 2, 3], default: 2, example: 3 }) tier!: number;
  @IsOptional() @IsInt() @Field({ description: 'How many' }) count?: number;
}

describe('Gemini dialect', () => {
  it.each(TOOLS.filter((t) => t !== Tree).map((t) => [t.name, t] as const))(
    '%s: only the OpenAPI subset Gemini reads',
    (_name, tool) => {
      const allowed = new Set([
        'type',
        'properties',
        'required',
        'items',
        'enum',
        'anyOf',
        'description',
        'nullable',
        'format',
        'minimum',
        'maximum',
        'minLength',
        'maxLength',
        'pattern',
        'minItems',
        'maxItems',
        'default',
        'example',
      ]);
      for (const { path, node } of nodes(toGeminiFunctionDeclaration(tool).parameters as JsonSchema)) {
        expect({ path, unsupported: Object.keys(node).filter((k) => !allowed.has(k)) }).toEqual({
          path,
          unsupported: [],
        });
        if (node.type !== undefined)
          expect(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']).toContain(node.type);
        if (node.enum)
          expect({
            path,
            type: node.type,
            format: node.format,
            strings: (node.enum as unknown[]).every((v) => typeof v === 'string'),
          }).toEqual({ path, type: 'STRING', format: 'enum', strings: true });
      }
    },
  );

  it('turns exclusive bounds into inclusive ones: exact on integers, nearest on numbers (described)', () => {
    expect(toGeminiFunctionDeclaration(Bounds).parameters).toEqual({
      type: 'OBJECT',
      properties: {
        count: { type: 'INTEGER', minimum: 1 },
        debt: { type: 'INTEGER', maximum: -1 },
        ratio: { type: 'NUMBER', minimum: 0, description: '(greater than 0)' },
        accepted: { type: 'BOOLEAN', description: '(must be true)' },
      },
      required: ['count', 'debt', 'ratio', 'accepted'],
    });
    expect((getToolDefinition(Bounds).parameters as any).properties.accepted).toEqual({
      type: 'boolean',
      const: true,
    });
  });

  it('sends a numeric enum, its default and its example as strings', () => {
    expect((toGeminiFunctionDeclaration(Priced).parameters as any).properties.tier).toEqual({
      type: 'STRING',
      format: 'enum',
      enum: ['1', '2', '3'],
      default: '2',
      example: '3',
    });
    expect((toGeminiFunctionDeclaration(Priced).parameters as any).properties.count).toEqual({
      type: 'INTEGER',
      description: 'How many',
      nullable: true,
    });
  });

  it('leaves out the parameters of a tool without arguments (Gemini refuses an empty OBJECT)', () => {
    expect(toGeminiFunctionDeclaration(NoArguments)).toEqual({ name: 'NoArguments' });
    expect(toOpenAITool(NoArguments).function.parameters).toEqual({
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    });
  });

  it('refuses a recursive class, which cannot be inlined', () => {
    expect(() => toGeminiFunctionDeclaration(Tree)).toThrow(
      expect.objectContaining({ code: 'recursive_schema', message: expect.stringContaining('Tree') }),
    );
  });

  it('refuses a property name Gemini does not accept, naming the fix', () => {
    @Tool()
    class Dashed {
      @Field() 'zip-code'!: string;
    }
    expect(() => toGeminiFunctionDeclaration(Dashed)).toThrow(ToolDefinitionError);
    expect(() => toGeminiFunctionDeclaration(Dashed)).toThrow(
      /"zip-code".*@Expose\(\{ name: 'a_valid_name' \}\)/,
    );
  });
});

/** A tool class with the given @Field properties, built at run time. */
function toolWith(
  name: string,
  fields: Record<string, Parameters<typeof Field>[0]>,
  types: Record<string, Function> = {},
): ClassType {
  const cls = { [name]: class {} }[name];
  for (const [key, options] of Object.entries(fields)) {
    Reflect.defineMetadata('design:type', types[key] ?? String, cls.prototype, key);
    Field(options)(cls.prototype, key);
  }
  Tool()(cls);
  return cls;
}

describe("OpenAI's limits, checked when the OpenAI dialect is built", () => {
  it('refuses more than 5000 properties', () => {
    const fields = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`p${i}`, {}]));
    const wide = toolWith('Wide', fields);
    expect(() => toOpenAITool(wide)).toThrow(
      expect.objectContaining({
        code: 'schema_limit_exceeded',
        target: wide,
        message: expect.stringContaining(
          "Wide: the schema has more than 5000 properties, past OpenAI's limit",
        ),
      }),
    );
    expect(() => toOpenAITool(wide, { strict: true })).toThrow(/past OpenAI's limit/);
    // The neutral schema and other providers' dialects are not held to OpenAI's limits.
    expect(getToolDefinition(wide).name).toBe('Wide');
    expect(toGeminiFunctionDeclaration(wide).name).toBe('Wide');
  });

  it('refuses more than 1000 enum values in all', () => {
    const values = (p: string) => Array.from({ length: 600 }, (_, i) => `${p}${i}`);
    expect(() =>
      toOpenAITool(toolWith('Enums', { a: { enum: values('a') }, b: { enum: values('b') } })),
    ).toThrow(/more than 1000 enum values in all/);
    expect(() => toOpenAITool(toolWith('FewEnums', { a: { enum: values('a') } }))).not.toThrow();
  });

  it('refuses a string enum of more than 250 values and 15000 characters', () => {
    const long = Array.from({ length: 300 }, (_, i) => `${'v'.repeat(60)}${i}`);
    expect(() => toOpenAITool(toolWith('LongEnum', { a: { enum: long } }))).toThrow(/an enum of 300 values/);
  });

  it('refuses nesting deeper than 10 levels', () => {
    let inner: Function = String;
    for (let i = 0; i < 11; i++) {
      const child = inner;
      const level = { [`Level${i}`]: class {} }[`Level${i}`];
      Reflect.defineMetadata('design:type', child, level.prototype, 'next');
      Field(child === String ? {} : { type: () => child as ClassType })(level.prototype, 'next');
      inner = level;
    }
    const deep = toolWith('Deep', { next: { type: () => inner as ClassType } });
    expect(() => toOpenAITool(deep)).toThrow(
      /Deep: the schema nests more than 10 levels, past OpenAI's limit/,
    );
    expect(() => getToolDefinition(deep)).not.toThrow();
  });
});
