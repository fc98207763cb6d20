import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KAFKA_TOOLS } from '../../course/kafka-cli.js';
import { dockerDir } from '../../paths.js';

describe('the stand-in of apache/kafka', () => {
  it.each(Object.entries(KAFKA_TOOLS))('has /opt/kafka/bin/kafka-%s.sh, running %s as the official image\'s does', (tool, mainClass) => {
    const script = path.join(dockerDir, 'stand-ins', 'kafka', 'bin', `kafka-${tool}.sh`);
    expect(fs.readFileSync(script, 'utf8')).toContain(`kafka-run-class.sh" ${mainClass} "$@"`);
    expect(fs.statSync(script).mode & 0o111, 'executable').not.toBe(0);
  });
});
