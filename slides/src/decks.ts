import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { courseModules, type CourseModule } from './modules.ts'
import { decksDir } from './paths.ts'

export interface Deck extends CourseModule {
  /** The `title:` of the deck's front matter. */
  readonly title: string
  readonly markdown: string
  readonly sourceFile: string
}

/** Reads the `title:` line of a Marp front matter block. */
export const frontMatterTitle = (markdown: string, file: string): string => {
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(markdown)?.[1]
  const title = frontMatter && /^title:\s*(.+)$/m.exec(frontMatter)?.[1]
  if (!title) throw new Error(`${file}: the front matter has no "title:" line`)
  return title.trim().replace(/^(['"])(.*)\1$/, '$2')
}

/** Every deck of the course, in module order. Fails if one is missing. */
export const readDecks = async (): Promise<Deck[]> =>
  Promise.all(
    courseModules.map(async (module) => {
      const sourceFile = join(decksDir, `${module.deck}.md`)
      const markdown = await readFile(sourceFile, 'utf8').catch(() => {
        throw new Error(`deck missing: ${sourceFile} (listed in src/modules.ts)`)
      })
      return { ...module, title: frontMatterTitle(markdown, sourceFile), markdown, sourceFile }
    }),
  )
