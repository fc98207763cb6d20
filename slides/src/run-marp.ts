import { marpCli } from '@marp-team/marp-cli'
import { marpConfigFile } from './paths.ts'

/** Runs `task` with Marp's per-file "[  INFO ]" lines dropped; its warnings and errors still show. */
const withoutInfoLines = async <T>(task: () => Promise<T>): Promise<T> => {
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('[  INFO ]')) warn(...args)
  }
  try {
    return await task()
  } finally {
    console.warn = warn
  }
}

/** Converts every Markdown deck of `inputDir` into one HTML file each in `outputDir`, with Marp CLI. */
export const runMarp = async (inputDir: string, outputDir: string): Promise<void> => {
  const argv = ['--config-file', marpConfigFile, '--input-dir', inputDir, '--output', outputDir]
  const exitCode = await withoutInfoLines(() => marpCli(argv))
  if (exitCode !== 0) throw new Error(`Marp CLI failed with exit code ${exitCode}`)
}
