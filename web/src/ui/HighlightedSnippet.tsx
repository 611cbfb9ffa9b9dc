import { Fragment } from 'react';

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);

/**
 * Renders a search snippet whose matches are wrapped in <mark>…</mark> (or [[…]]) without ever
 * interpreting it as HTML: only the markers become <mark> elements, everything else stays text.
 */
export function HighlightedSnippet({ text }: { text: string }) {
  const parts = text.split(/(<mark>.*?<\/mark>|\[\[.*?\]\])/g);
  return (
    <>
      {parts.map((part, index) => {
        const match = /^<mark>(.*)<\/mark>$/.exec(part) ?? /^\[\[(.*)\]\]$/.exec(part);
        return match ? <mark key={index}>{decode(match[1] ?? '')}</mark> : <Fragment key={index}>{decode(part.replace(/<[^>]*>/g, ''))}</Fragment>;
      })}
    </>
  );
}
