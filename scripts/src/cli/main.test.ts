import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths.js';

const labWith = (env: Record<string, string>, ...args: string[]) => execa(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'scripts', 'src', 'cli', 'main.ts'), ...args], { reject: false, env: { NO_COLOR: '1', ...env } });
const lab = (...args: string[]) => labWith({}, ...args);

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

  it('pnpm lab help shows the usage', async () => {
    const result = await lab('lab', 'help');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pnpm lab/);
  });

  it('pnpm lab N hint reveals one more level each time, remembers it, and records it for the grade report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-hints-'));
    const env = { LAB_STATE_DIR: dir, LAB_HINTS_USED_FILE: path.join(dir, 'hints-used.json') };
    try {
      const outputs: string[] = [];
      for (let i = 0; i < 4; i++) outputs.push((await labWith(env, 'lab', '1', 'hint')).stdout);
      expect(outputs[0]).toMatch(/hint 1\/3 \(the concept\)/);
      expect(outputs[0]).not.toMatch(/hint 2\/3/);
      expect(outputs[1]).toMatch(/hint 1\/3[\s\S]*hint 2\/3 \(the API\)/);
      expect(outputs[2]).toMatch(/hint 3\/3 \(close to the code\)[\s\S]*that was the last hint/);
      expect(outputs[3]).toMatch(/hint 3\/3/);
      expect(JSON.parse(fs.readFileSync(env.LAB_HINTS_USED_FILE, 'utf8'))).toEqual({ '01-cluster': { 'create-topic': 3 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the ten workshops, every one written', async () => {
    const result = await lab('lab', 'list');
    expect(result.exitCode).toBe(0);
    for (const title of ['The cluster and its tools', 'The producer API', 'Kafka Connect to Elasticsearch', 'ksqlDB', 'Monitoring: JMX, Prometheus and Grafana']) expect(result.stdout).toContain(title);
    expect(result.stdout).not.toContain('coming soon');
  });
});
