import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab, writtenLabs } from './load-lab.js';
import { loadMistakes, prepareMistake } from './mistakes.js';

describe("the maintainers' wrong implementations", () => {
  it('every written lab has at least three, each a patch that applies to its solution and changes it', async () => {
    for (const lab of await writtenLabs()) {
      const mistakes = loadMistakes(lab);
      expect(mistakes.length, `mistakes of lab ${lab.number}`).toBeGreaterThanOrEqual(3);
      for (const mistake of mistakes) {
        // The patch may change src and the lab's other folders (workshop 9's config/).
        const copy = path.dirname(await prepareMistake(lab, mistake));
        const files = fs.readdirSync(copy, { recursive: true, encoding: 'utf8' }).filter((file) => fs.statSync(path.join(copy, file)).isFile() && fs.existsSync(path.join(lab.solutionDir, file)));
        const changed = files.filter((file) => fs.readFileSync(path.join(copy, file), 'utf8') !== fs.readFileSync(path.join(lab.solutionDir, file), 'utf8'));
        expect(changed.length, `files changed by ${mistake.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('a patch that no longer applies names the file and the fix', async () => {
    const lab = await loadLab(2);
    const [mistake] = loadMistakes(lab);
    const broken = path.join(lab.solutionDir, '.mistakes', 'broken.patch');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, '--- a/producer.ts\n+++ b/producer.ts\n@@ -1,1 +1,1 @@\n-no such line\n+x\n');
    await expect(prepareMistake(lab, { ...mistake!, id: 'broken', patch: broken })).rejects.toThrow(/broken\.patch no longer applies to solutions\/02-producer\/src .*save its diff/);
  });

  it('a mistake that disturbs a service its lab does not use names the service and the lab', async () => {
    const lab = await loadLab(2);
    const solutionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mistakes-'));
    try {
      fs.mkdirSync(path.join(solutionDir, 'mistakes'));
      fs.writeFileSync(path.join(solutionDir, 'mistakes', 'mistakes.json'), JSON.stringify([{ id: 'x', task: lab.tasks[0]!.id, mistake: 'x', disturbs: ['prometheus'] }]));
      expect(() => loadMistakes({ ...lab, solutionDir })).toThrow(/mistake x: disturbs prometheus, which labs\/02-producer\/lab\.ts does not use/);
    } finally {
      fs.rmSync(solutionDir, { recursive: true, force: true });
    }
  });
});
