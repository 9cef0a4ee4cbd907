import { withRoom } from '../../src/calls/array-room';

describe('withRoom', () => {
  it('returns the list itself when it has the room', () => {
    const items = new Array<number>(4);
    items[0] = 1;
    expect(withRoom(items, 1, 4)).toBe(items);
  });

  it('copies the first entries into a list sized once when it has not', () => {
    const items = [1, 2, 3];
    const sized = withRoom(items, 2, 10);
    expect(sized).not.toBe(items);
    expect(sized).toHaveLength(10);
    expect(sized.slice(0, 3)).toEqual([1, 2, undefined]);
    expect(items).toEqual([1, 2, 3]);
  });
});
