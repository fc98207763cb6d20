import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvironmentError } from '../../cli/errors.js';
import { SERVICE_NAMES } from '../../course/lab-meta.js';
import { dockerDir } from '../../paths.js';
import { DockerBackend } from './index.js';
import { ALL_STACKS, composeFile, composeProject, stacksOf, STACKS } from './stacks.js';

const servicesOf = (file: string) => Object.entries((parse(fs.readFileSync(path.join(dockerDir, file), 'utf8'), { merge: true }) as { services: Record<string, { healthcheck?: unknown }> }).services);

// What needs no engine; scripts/src/services/docker/engine.test.ts runs the backend on a real one.
describe('the docker backend\'s stacks', () => {
  it('has a stack for every service a lab can ask for (workshop 9\'s secured cluster has docker/secure, started apart)', () => {
    expect(Object.keys(STACKS).sort()).toEqual(SERVICE_NAMES.filter((s) => s !== 'secure').sort());
    expect(fs.existsSync(path.join(dockerDir, 'secure', 'compose.yaml'))).toBe(true);
  });

  it.each(ALL_STACKS.map((s) => [s.folder, s] as const))('%s: every compose service is waited on or a console, and each one waited on declares a health check', (_, stack) => {
    const services = servicesOf(composeFile(stack));
    expect(services.map(([name]) => name).sort()).toEqual([...stack.services, ...stack.companions].sort());
    for (const name of stack.services) expect(Object.fromEntries(services)[name]!.healthcheck, name).toBeDefined();
  });

  it('puts the cluster\'s compose file first: its folder is the project\'s, against which compose resolves every relative path', () => {
    expect(composeProject(['connect', 'elasticsearch', 'kafka']).files[0]).toBe(path.join('cluster', 'compose.yaml'));
  });

  it('runs workshop 8 on ksqlDB, or on Flink SQL with SQL_ENGINE=flink; down and status cover both', () => {
    expect(stacksOf(['kafka', 'sql']).map((s) => s.folder)).toEqual(['cluster', 'ksqldb']);
    process.env.SQL_ENGINE = 'flink';
    try {
      expect(stacksOf(['kafka', 'sql']).map((s) => s.folder)).toEqual(['cluster', 'flink']);
    } finally {
      delete process.env.SQL_ENGINE;
    }
    expect(composeProject().files).toEqual(expect.arrayContaining([path.join('ksqldb', 'compose.yaml'), path.join('flink', 'compose.yaml')]));
  });

  it('without an engine: one clear environment error that names the local backend', async () => {
    const host = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    try {
      const error = await new DockerBackend().up(['kafka'], () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as Error).message).toMatch(/no Docker engine answers .*use --backend local/);
    } finally {
      if (host === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = host;
    }
  });
});
