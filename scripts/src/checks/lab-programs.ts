import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildFailure, type Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin } from 'vitest/config';
import type { LabProgram } from '../harness/program.js';
import { repoRoot } from '../paths.js';

const QUERY = '?program';

/**
 * `import consumer from '#lab/consumer.ts?program'` gives a check the trainee's program ready to start as a
 * process (a LabProgram), the way Vite's `?worker` imports bundle a worker:
 * - esbuild bundles it once per check run (packages but the course's own are left to node): it starts in half the time and CPU
 *   of tsx, which counts when a check starts ten of them on two cores;
 * - every file of the bundle becomes a dependency of the check in vitest's module graph, so in watch mode a
 *   saved file of the program re-runs the checks that start it, and only those;
 * - code that does not compile fails the checks that import it as a compile error (file:line:column), once.
 */
export function labPrograms(): Plugin {
  return {
    name: 'kafka-labs:programs',
    async load(id) {
      if (!id.endsWith(QUERY)) return null;
      const source = id.slice(0, -QUERY.length);
      const outfile = path.join(path.dirname(source), '..', 'node_modules', '.cache', 'kafka-labs', `${path.basename(source, path.extname(source))}.mjs`);
      try {
        const { metafile } = await build({
          stdin: { contents: runnerEntry(source), resolveDir: path.dirname(source), sourcefile: 'lab-program.ts', loader: 'ts' },
          outfile, absWorkingDir: repoRoot, bundle: true, platform: 'node', format: 'esm', target: 'node20', plugins: [packagesExternal], sourcemap: 'inline', metafile: true, logLevel: 'silent',
        });
        for (const input of Object.keys(metafile.inputs)) {
          if (input !== 'lab-program.ts') this.addWatchFile(path.resolve(repoRoot, input));
        }
        const program: LabProgram = { file: path.relative(repoRoot, source), bundle: outfile };
        return `export default ${JSON.stringify(program)};`;
      } catch (error) {
        // The module loads and throws when the check imports it: the files named in the errors stay watched.
        const errors = (error as BuildFailure).errors ?? [];
        for (const file of [source, ...errors.flatMap((e) => (e.location ? [path.resolve(repoRoot, e.location.file)] : []))]) {
          if (fs.existsSync(file)) this.addWatchFile(file);
        }
        const first = errors.find((e) => e.location);
        const message = first?.location
          ? `${path.resolve(repoRoot, first.location.file)}:${first.location.line}:${first.location.column + 1}: ERROR: ${first.text}`
          : `${source}: ${(error as Error).message}`;
        return `throw new Error(${JSON.stringify(message)});`;
      }
    },
  };
}

/**
 * Packages stay imports that node resolves from the code's folder, except the course's own (`@kafka-labs/tool/…`,
 * TypeScript that node cannot load): those are bundled.
 */
const packagesExternal: EsbuildPlugin = {
  name: 'packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path: name }) => (name.startsWith('@kafka-labs/') || name.startsWith('node:') ? undefined : { path: name, external: true }));
  },
};

/** The bundle's entry: the program, then runLabProgram calls its main(args) (readable logs, one-line errors). */
function runnerEntry(source: string): string {
  return [
    `import { runLabProgram } from ${JSON.stringify(path.join(repoRoot, 'scripts', 'src', 'checks', 'program-runner.ts'))};`,
    `import * as program from ${JSON.stringify(source)};`,
    `await runLabProgram(program, ${JSON.stringify(path.relative(repoRoot, source))}, process.argv.slice(2));`,
  ].join('\n');
}
