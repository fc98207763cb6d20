// Marp CLI configuration shared by `build.ts` and by anyone running `marp` by hand.
import { Marp } from '@marp-team/marp-core'

// The build inlines diagrams as `data:image/svg+xml` URLs so each deck is one
// self-contained file. markdown-it refuses SVG data URLs by default: allow them.
const allowSvgDataUrls = (options) => {
  const marp = new Marp(options)
  const validateLink = marp.markdown.validateLink
  marp.markdown.validateLink = (url) => url.startsWith('data:image/svg+xml;') || validateLink(url)
  return marp
}

export default {
  engine: allowSvgDataUrls,
  themeSet: ['theme/kafka-labs.css'],
  html: false,
  allowLocalFiles: false,
  bespoke: { progress: true },
  options: {
    // Twemoji images and math fonts would be fetched from a CDN: turn both off.
    emoji: { shortcode: false, unicode: false },
    math: false,
  },
}
