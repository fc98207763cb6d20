import type { Deck } from './decks.ts'

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The `index.html` of the build folder: one link per deck. Self-contained, no network. */
export const renderIndexPage = (decks: readonly Deck[]): string => {
  const items = decks
    .map((deck) => {
      const label = deck.number === 0 ? 'Introduction' : `Module ${deck.number}`
      return `    <li><a href="${deck.deck}.html"><span>${label}</span> ${escapeHtml(deck.title)}</a></li>`
    })
    .join('\n')
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>kafka-labs: course slides</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1b3a5c; }
    h1 { border-bottom: 3px solid #e8742a; padding-bottom: .3rem; }
    ul { list-style: none; padding: 0; }
    li a { display: block; padding: .6rem .8rem; margin: .4rem 0; border-radius: 6px; background: #f3f6f9; color: inherit; text-decoration: none; }
    li a:hover { background: #fdf3ea; }
    li span { display: inline-block; min-width: 7.5rem; font-weight: 600; color: #e8742a; }
    p { color: #555; }
  </style>
</head>
<body>
  <h1>kafka-labs: Apache Kafka for TypeScript developers</h1>
  <p>One deck per module. Open a deck, then use the arrow keys; press <kbd>f</kbd> for full screen.</p>
  <ul>
${items}
  </ul>
</body>
</html>
`
}
