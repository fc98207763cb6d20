/**
 * Builds every deck of `decks/` into `build/NN-name.html` (diagrams inlined, one
 * self-contained file per deck) and writes `build/index.html` listing them.
 * Run: `pnpm --filter @kafka-labs/slides build` (or `pnpm slides` from the root).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { readDecks, type Deck } from './src/decks.ts'
import { renderIndexPage } from './src/index-page.ts'
import { inlineDiagrams } from './src/inline-diagrams.ts'
import { makeDeckOffline } from './src/offline-html.ts'
import { buildDir, diagramsDir } from './src/paths.ts'
import { runMarp } from './src/run-marp.ts'

export const buildSlides = async (): Promise<Deck[]> => {
  const decks = await readDecks()
  const sources = await mkdtemp(join(tmpdir(), 'kafka-labs-slides-'))
  try {
    for (const deck of decks) {
      const markdown = inlineDiagrams(deck.markdown, diagramsDir, deck.sourceFile)
      await writeFile(join(sources, `${deck.deck}.md`), markdown)
    }
    await rm(buildDir, { recursive: true, force: true })
    await mkdir(buildDir, { recursive: true })
    await runMarp(sources, buildDir)
    for (const deck of decks) await makeDeckOffline(join(buildDir, `${deck.deck}.html`))
    await writeFile(join(buildDir, 'index.html'), renderIndexPage(decks))
  } finally {
    await rm(sources, { recursive: true, force: true })
  }
  return decks
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now()
  buildSlides().then(
    (decks) => console.log(`slides: ${decks.length} decks built into ${buildDir} in ${Date.now() - started} ms`),
    (error: unknown) => {
      console.error(`slides: build failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    },
  )
}
