import { describe, expect, it } from 'vitest';
import type { ServiceName } from '../course/lab-meta.js';
import { aloneWaves } from './mistakes.js';

const entry = (number: number, services: ServiceName[], id: string) => ({ lab: { number, services }, id });

describe('the alone mistakes', () => {
  it('run one by one within a lab, beside the labs that share no service with it, after those that do', () => {
    const waves = aloneWaves([
      entry(9, ['secure'], 'a'),
      entry(10, ['kafka', 'prometheus'], 'b'),
      entry(9, ['secure'], 'c'),
      entry(3, ['kafka', 'postgres'], 'd'),
    ]);
    expect(waves.map((wave) => wave.map((group) => group.map((e) => e.id)))).toEqual([
      [['a', 'c'], ['b']],
      [['d']],
    ]);
  });
});
