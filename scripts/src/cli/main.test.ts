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
    [['lab', '2', 'run', 'nope'], /^✖ lab 2 has no program "nope": lab 2's programs are producer, recreate-topic$/],
    [['lab', '2', 'run'], /^✖ which program\? `pnpm lab 2 run <program> -- <args>`: lab 2's programs are producer, recreate-topic$/],
    [['lab', '1', 'hint', 'extra'], /^✖ unexpected "extra" after `pnpm lab 1 hint`/],
    [['lab', '--solution'], /^✖ --solution and --watch go with a lab number/],
    [['lab', 'stop-broker'], /^✖ which broker\? `pnpm lab stop-broker <id>`/],
    [['lab', '1', '--backend', 'kubernetes'], /^✖ unknown backend "kubernetes": use one of docker, local, external$/],
    [['kafka', 'frobnicate'], /^✖ unknown Kafka tool "frobnicate": use one of topics, /],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const result = await lab(...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });

  it('pnpm kafka --help shows the usage, not an unknown tool', async () => {
    const result = await lab('kafka', '--help');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pnpm kafka/);
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
