/** A short order note to extract from. */
export interface OrderNote {
  id: string;
  text: string;
}

const PRODUCTS = ['widget', 'gadget', 'sprocket', 'flange', 'gizmo'];
const CITIES = ['Oslo', 'Lima', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Porto', 'Dakar'];

/** `count` deterministic order notes, e.g. "Order 7: 3 x gadget and 1 x flange, ship to Lima." */
export function orderNotes(count: number): OrderNote[] {
  return Array.from({ length: count }, (_, i) => {
    const lines = [PRODUCTS[i % 5], PRODUCTS[(i * 3 + 1) % 5]].map((p, k) => `${((i + k) % 4) + 1} x ${p}`);
    return {
      id: `order-${i + 1}`,
      text: `Order ${i + 1}: ${lines.join(' and ')}, ship to ${CITIES[i % 8]}.`,
    };
  });
}
