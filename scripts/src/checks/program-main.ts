import { pathToFileURL } from 'node:url';

// Runs a lab program: `tsx program-main.ts <file> <args…>` imports the file and calls its `main(args)`.
const [file, ...args] = process.argv.slice(2);
const program = (await import(pathToFileURL(file!).href)) as { main?: (args: string[]) => Promise<void> };
if (typeof program.main !== 'function') {
  console.error(`${file} exports no main(args) function`);
  process.exit(2);
}
await program.main(args);
