import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const diagramReference = /\(\.\.\/diagrams\/([\w-]+\.svg)\)/g

/**
 * Replaces every `(../diagrams/NAME.svg)` image target of a deck with a
 * `data:image/svg+xml` URL, so the built HTML is one file that needs nothing else.
 */
export const inlineDiagrams = (markdown: string, diagramsDir: string, deckFile: string): string =>
  markdown.replace(diagramReference, (_match, name: string) => {
    let svg: Buffer
    try {
      svg = readFileSync(join(diagramsDir, name))
    } catch {
      throw new Error(`${deckFile}: diagram not found: slides/diagrams/${name}`)
    }
    return `(data:image/svg+xml;base64,${svg.toString('base64')})`
  })
