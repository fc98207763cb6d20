import type { Page } from 'playwright-core'

/** What one slide of a built deck shows. */
export interface SlideInfo {
  readonly className: string
  readonly headings: string[]
  readonly links: string[]
  readonly hasImage: boolean
}

/** What went wrong while a page loaded: console errors, failed requests, network requests. */
export interface PageProblems {
  readonly consoleErrors: string[]
  readonly failedRequests: string[]
  readonly networkRequests: string[]
}

const isLocal = (url: string): boolean => url.startsWith('file:') || url.startsWith('data:')

/** Records every problem of a page, and aborts any request that would leave the machine. */
export const watchPage = async (page: Page): Promise<PageProblems> => {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], networkRequests: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`))
  page.on('request', (request) => {
    if (!isLocal(request.url())) problems.networkRequests.push(request.url())
  })
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  )
  await page.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()))
  return problems
}

/** The slides of a Marp deck, in order, read from the DOM. */
export const readSlides = (page: Page): Promise<SlideInfo[]> =>
  page.$$eval('svg[data-marpit-svg] > foreignObject > section', (sections) =>
    sections.map((section) => ({
      className: section.className,
      headings: [...section.querySelectorAll('h1, h2')].map((h) => h.textContent?.trim() ?? ''),
      links: [...section.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      hasImage: section.querySelector('img, figure') !== null,
    })),
  )

/** Shows slide `index` (0-based) with Marp's hash navigation, and waits until it is on screen. */
export const showSlide = async (page: Page, index: number): Promise<void> => {
  await page.evaluate((n) => (location.hash = `#${n + 1}`), index)
  await page.waitForFunction(
    (n) => document.querySelectorAll('svg[data-marpit-svg]')[n]?.classList.contains('bespoke-marp-active'),
    index,
  )
  // Marp fits code blocks and headings to the slide from a ResizeObserver: let it run before measuring.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}

/** The elements of the visible slide that stick out of it (text or images cut off). */
export const overflowingElements = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const section = document.querySelector('svg.bespoke-marp-active section')
    if (!section) return ['no visible slide']
    const box = section.getBoundingClientRect()
    const tolerance = 1
    return [...section.querySelectorAll('*')]
      .filter((element) => {
        const r = element.getBoundingClientRect()
        if (r.width === 0 && r.height === 0) return false
        return r.bottom > box.bottom + tolerance || r.right > box.right + tolerance
      })
      .map((element) => `<${element.tagName.toLowerCase()}> ${(element.textContent ?? '').trim().slice(0, 60)}`)
  })
