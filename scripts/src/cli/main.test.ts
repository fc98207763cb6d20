import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.js';

const lab = (...args: string[]) => execa(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'scripts', 'src', 'cli', 'main.ts'), ...args], { reject: false, env: { NO_COLOR: '1' } });

describe('pnpm lab, on bad input', () => {
  it.each([
    [['lab', '42'], /^✖ there is no lab "42": the labs are 1 to 10 \(see `pnpm lab list`\)$/],
    [['lab', 'frobnicate'], /^✖ there is no lab "frobnicate"/],
    [['lab', '2', 'frobnicate'], /^✖ unknown command "frobnicate" for lab 2: use hint, reset or run/],
    [['lab', '2', 'run', 'nope'], /^✖ lab 2 has no program "nope": the programs of lab 2 are one of producer, recreate-topic$/],
    [['lab', '1', '--backend', 'kubernetes'], /^✖ unknown backend "kubernetes": use one of docker, local, external$/],
    [['kafka', 'frobnicate'], /^✖ unknown Kafka tool "frobnicate": use one of topics, /],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const result = await lab(...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });

  it('a workshop not written yet says so', async () => {
    const result = await lab('lab', '9');
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toMatch(/^✖ lab 9 \(Security: SSL, SASL, ACLs and quotas\) is not written yet/);
  });

  it('lists the ten workshops, the ones to come included', async () => {
    const result = await lab('lab', 'list');
    expect(result.exitCode).toBe(0);
    for (const title of ['The cluster and its tools', 'The producer API', 'ksqlDB', 'Monitoring: JMX, Prometheus and Grafana']) expect(result.stdout).toContain(title);
    expect(result.stdout).toContain('coming soon');
  });
});
