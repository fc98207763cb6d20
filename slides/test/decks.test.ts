/**
 * Builds the slides, then opens every deck in headless Chromium: no console error,
 * no failed request, no request to the network; a title slide first; a "Workshop N"
 * slide last (modules 1–10) linking to the lab's README; no slide whose content is cut off.
 * Screenshots of the title slide and of every diagram slide go to build/screenshots/.
 */
import { readFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSlides } from '../build.ts'
import type { Deck } from '../src/decks.ts'
import { courseModules, labReadmeLink } from '../src/modules.ts'
import { networkReferences } from '../src/offline-html.ts'
import { buildDir, screenshotsDir } from '../src/paths.ts'
import { launchChromium } from './chromium.ts'
import { overflowingElements, readSlides, showSlide, watchPage } from './deck-page.ts'

let decks: Deck[] = []
let browser: Browser | undefined

beforeAll(async () => {
  decks = await buildSlides()
  await mkdir(screenshotsDir, { recursive: true })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

const openPage = async (file: string) => {
  if (!browser) throw new Error('Chromium did not start')
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  const problems = await watchPage(page)
  await page.goto(pathToFileURL(join(buildDir, file)).href, { waitUntil: 'load' })
  // Marp's on-screen controls would cover part of every screenshot.
  await page.addStyleTag({ content: '.bespoke-marp-osc { display: none !important; }' })
  return { page, problems }
}

const expectNoProblems = (problems: Awaited<ReturnType<typeof openPage>>['problems']) => {
  expect(problems.networkRequests, 'requests to the network').toEqual([])
  expect(problems.failedRequests, 'failed requests').toEqual([])
  expect(problems.consoleErrors, 'console errors').toEqual([])
}

describe('the index page', () => {
  it('links every deck, in module order, and loads offline', async () => {
    const { page, problems } = await openPage('index.html')
    const links = await page.$$eval('li a', (anchors) => anchors.map((a) => a.getAttribute('href')))
    expect(links).toEqual(courseModules.map((m) => `${m.deck}.html`))
    expectNoProblems(problems)
    await page.close()
  })
})

describe.each(courseModules)('deck $deck', (module) => {
  const file = `${module.deck}.html`
  let page: Page

  afterAll(async () => {
    await page?.close()
  })

  it('names no network address in its HTML', async () => {
    const html = await readFile(join(buildDir, file), 'utf8')
    expect(networkReferences(html)).toEqual([])
  })

  it('opens in Chromium with no console error, failed request or network request', async () => {
    const opened = await openPage(file)
    page = opened.page
    expectNoProblems(opened.problems)
  })

  it('starts with its title slide', async () => {
    const slides = await readSlides(page)
    const deck = decks.find((d) => d.deck === module.deck)
    expect(slides[0]?.className).toContain('title')
    expect(slides[0]?.headings[0]).toBe(deck?.title)
  })

  it(module.lab ? `ends with "Workshop ${module.number}" linking to its lab` : 'has no workshop slide', async () => {
    const slides = await readSlides(page)
    const last = slides.at(-1)
    if (module.lab) {
      expect(last?.className).toContain('workshop')
      expect(last?.headings[0]).toMatch(new RegExp(`^Workshop ${module.number}\\b`))
      expect(last?.links).toContain(labReadmeLink(module.lab))
    } else {
      expect(slides.flatMap((s) => s.headings).filter((h) => /^Workshop \d/.test(h))).toEqual([])
    }
  })

  it('has no slide whose content is cut off; screenshots the title and diagram slides', async () => {
    const slides = await readSlides(page)
    const cutOff: string[] = []
    for (const [index, slide] of slides.entries()) {
      await showSlide(page, index)
      const overflow = await overflowingElements(page)
      if (overflow.length > 0) cutOff.push(`slide ${index + 1}: ${overflow.join(' | ')}`)
      if (index === 0 || slide.hasImage) {
        const name = `${module.deck}-${String(index + 1).padStart(2, '0')}.png`
        await page.screenshot({ path: join(screenshotsDir, name) })
      }
    }
    expect(cutOff).toEqual([])
  })
})
