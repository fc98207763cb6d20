import { describe, expect, it } from 'vitest';
import { UserError } from '../../cli/errors.js';
import { DEFAULT_PORT_BASE, parsePortBase, resolvePorts } from './ports.js';

const ephemeral: [number, number] = [32_768, 60_999];

describe('the local services\' ports', () => {
  it('the state\'s base wins over the environment while its services run', () => {
    expect(resolvePorts(undefined, 20_092, true, ephemeral)).toEqual({ base: 20_092 });
    expect(resolvePorts('20092', 20_092, true, ephemeral)).toEqual({ base: 20_092 });
  });

  it('a LAB_PORT_BASE that contradicts running services is one clear line with the fix', () => {
    const ports = resolvePorts('19092', 20_092, true, ephemeral);
    expect(ports.base).toBe(20_092);
    expect(ports.conflict).toMatch(/run with LAB_PORT_BASE=20092 .*not 19092: unset LAB_PORT_BASE, or stop them first with `pnpm lab down`/);
  });

  it('when nothing runs, LAB_PORT_BASE or the default chooses', () => {
    expect(resolvePorts(undefined, 20_092, false, ephemeral)).toEqual({ base: DEFAULT_PORT_BASE });
    expect(resolvePorts('21092', 20_092, false, ephemeral)).toEqual({ base: 21_092 });
    expect(resolvePorts(undefined, undefined, false, ephemeral)).toEqual({ base: DEFAULT_PORT_BASE });
  });

  it('refuses a base whose ports fall in the ephemeral range, and says why', () => {
    expect(() => parsePortBase('40000', ephemeral)).toThrow(UserError);
    expect(() => parsePortBase('40000', ephemeral)).toThrow(/ephemeral range 32768–60999, which outgoing connections take at random: choose a base below 31768/);
    expect(() => parsePortBase('32000', ephemeral)).toThrow(/ephemeral range/);
    expect(parsePortBase('31000', ephemeral)).toBe(31_000);
  });

  it('refuses a base that is not a port number', () => {
    expect(() => parsePortBase('abc', ephemeral)).toThrow(/LAB_PORT_BASE=abc is not a usable port base/);
    expect(() => parsePortBase('80', ephemeral)).toThrow(/not a usable port base/);
  });
});
