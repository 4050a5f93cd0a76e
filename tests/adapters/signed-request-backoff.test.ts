/** The pause between tries of a signed AWS call: jittered, doubling, bounded. */
import { describe, expect, it } from 'vitest';
import { backoffMs } from '#shared/adapters/aws-http/signed-request.ts';

describe('backoffMs', () => {
  it('waits up to 50 ms doubled per try, never more than a second, and jitters down to nothing', () => {
    const longest = (attempt: number) => backoffMs(attempt, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(longest)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(200);
  });
});
