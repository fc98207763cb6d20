import { beforeAll } from 'vitest';
import { fromEnv } from '../services/backend.js';
import { requireKafka } from './kafka.js';

// Before a check file runs: the services it needs must answer, or every task reports an environment error.
beforeAll(async () => {
  if (fromEnv().kafka) await requireKafka();
});
