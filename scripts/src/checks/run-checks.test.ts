import { describe, expect, it } from 'vitest';
import { loadLab } from '../course/load-lab.js';
import { runChecks } from './run-checks.js';

describe('running checks', () => {
  it('reports a cluster that does not answer as an environment error on every task, never as wrong code', async () => {
    const lab = await loadLab(1);
    const result = await runChecks({ lab, code: 'solution', quiet: true, env: { KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:1', LAB_BACKEND: 'external' } });
    expect(result.tasks.map((t) => t.id)).toEqual(lab.tasks.map((t) => t.id));
    for (const task of result.tasks) {
      expect(task.status, task.id).toBe('error');
      expect(task.message, task.id).toMatch(/Kafka at 127\.0\.0\.1:1 does not answer.*pnpm lab up/);
    }
  });
});
