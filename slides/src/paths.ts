import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The `slides/` package folder. */
export const slidesDir = join(dirname(fileURLToPath(import.meta.url)), '..')
export const decksDir = join(slidesDir, 'decks')
export const diagramsDir = join(slidesDir, 'diagrams')
export const buildDir = join(slidesDir, 'build')
export const screenshotsDir = join(buildDir, 'screenshots')
export const marpConfigFile = join(slidesDir, 'marp.config.mjs')
