// ?threads=N: a count in [1, 16] is taken; anything else is reported (the page still starts).
import { describe, expect, it } from 'vitest';
import { readUrlOptions } from '../../src/ui/url-state';

describe('url: threads', () => {
  it('takes an integer in [1, 16] and defaults to null', () => {
    expect(readUrlOptions('?preset=planar-1mA', '').threads).toBeNull();
    expect(readUrlOptions('?threads=1', '').threads).toBe(1);
    expect(readUrlOptions('?threads=4', '').threads).toBe(4);
    expect(readUrlOptions('?threads=16', '').issues).toEqual([]);
  });

  it('reports a bad count by name and range, and ignores it', () => {
    for (const bad of ['0', '17', '2.5', '-1', 'x', '1e3', '<script>']) {
      const o = readUrlOptions(`?threads=${encodeURIComponent(bad)}`, '');
      expect(o.threads, bad).toBeNull();
      expect(o.issues.join(' '), bad).toMatch(/threads must be an integer in \[1, 16\]/);
    }
  });
});
