import { Field, Int, Tool } from 'parallel-tools';

/** One product line of an order note. */
@Tool({ description: 'One product line of the order' })
export class LineItem {
  @Field({ description: 'Product name, lower case' }) product!: string;
  @Field({ type: () => Int, minimum: 1 }) quantity!: number;
}

/** Where the order goes. */
@Tool({ description: 'The city the order ships to' })
export class Shipment {
  @Field() city!: string;
}
