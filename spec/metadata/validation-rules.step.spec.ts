import { getMetadataStorage } from 'class-validator';
import { Field, Tool } from 'parallel-tools';
import { installValidationRules, resolveClassModel } from '../../src/metadata/class-model.resolver';

/** Every class-validator rule the global store holds for a class (its ancestors included). */
const rulesOf = (target: Function) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
    .sort();

/** Classes built and inspected synchronously, before the decorators' scheduled install runs. */
function declare() {
  class Leg {
    @Field() city!: string;
  }
  @Tool()
  class Trip {
    @Field({ type: () => [Leg], minItems: 1 }) legs!: Leg[];
    @Field({ enum: ['economy', 'business'], optional: true }) cabin?: string;
  }
  return { Trip, Leg };
}

describe('reading a class is pure; installing its validation rules is a named step', () => {
  it('resolveClassModel writes nothing to class-validator; installValidationRules writes the promised rules once', () => {
    const { Trip, Leg } = declare();
    const before = { trip: rulesOf(Trip), leg: rulesOf(Leg) };

    const model = resolveClassModel(Trip);
    expect(model.properties.map((p) => p.key)).toEqual(['legs', 'cabin']);
    expect({ trip: rulesOf(Trip), leg: rulesOf(Leg) }).toEqual(before);

    installValidationRules(Trip);
    const after = { trip: rulesOf(Trip), leg: rulesOf(Leg) };
    expect(after.trip.length).toBeGreaterThan(before.trip.length);
    expect(after.leg.length).toBeGreaterThan(before.leg.length); // nested classes are reached
    expect(after.trip).toEqual(expect.arrayContaining(['legs:isArray', 'legs:arrayMinSize', 'cabin:isIn']));

    installValidationRules(Trip);
    expect({ trip: rulesOf(Trip), leg: rulesOf(Leg) }).toEqual(after);
  });

  it('the decorators schedule the step, so plain class-validator sees the rules after the module loads', async () => {
    const { Trip } = declare();
    const before = rulesOf(Trip).length;
    await Promise.resolve();
    expect(rulesOf(Trip).length).toBeGreaterThan(before);
  });
});
