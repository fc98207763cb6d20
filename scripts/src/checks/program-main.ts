import { pathToFileURL } from 'node:url';
import { runLabProgram } from './program-runner.js';

// Runs a lab program: `tsx program-main.ts <file> <args…>` imports the file and calls its `main(args)`.
const [file, ...args] = process.argv.slice(2);
await runLabProgram((await import(pathToFileURL(file!).href)) as { main?: (args: string[]) => Promise<void> }, file!, args);
