import { describe, expect, it } from 'vitest';
import type { ServiceName } from '../course/lab-meta.js';
import { disturbingWaves } from './mistakes.js';

const entry = (number: number, services: ServiceName[], disturbs: ServiceName[], id: string) => ({ lab: { number, services }, mistake: { disturbs }, id });

describe('the mistakes that disturb a service', () => {
  it('run one by one within a lab, beside the labs whose services they leave alone, after those they disturb', () => {
    const waves = disturbingWaves([
      entry(9, ['secure'], ['secure'], 'a'),
      entry(10, ['kafka', 'prometheus'], ['prometheus'], 'b'),
      entry(9, ['secure'], ['secure'], 'c'),
      entry(3, ['kafka', 'postgres'], ['kafka'], 'd'),
      entry(11, ['kafka'], ['kafka'], 'e'),
    ]);
    expect(waves.map((wave) => wave.map((group) => group.map((e) => e.id)))).toEqual([
      [['a', 'c'], ['b']],
      [['d']],
      [['e']],
    ]);
  });

  it('run beside a lab that shares their lab\'s services when neither disturbs what the other uses', () => {
    const waves = disturbingWaves([
      entry(10, ['kafka', 'prometheus'], ['prometheus'], 'a'),
      entry(3, ['kafka', 'postgres'], ['postgres'], 'b'),
    ]);
    expect(waves.map((wave) => wave.map((group) => group.map((e) => e.id)))).toEqual([[['a'], ['b']]]);
  });
});
