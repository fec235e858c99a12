import type { ClfProfile } from '../profile/clf-profile.js';

interface Described {
  id: string;
  type?: string;
  prefLabel?: Readonly<Record<string, string>>;
  definition?: Readonly<Record<string, string>>;
}

const CONCEPT_SECTIONS: { title: string; types: readonly string[] }[] = [
  { title: 'Verbs', types: ['Verb'] },
  { title: 'Activity types', types: ['ActivityType'] },
  { title: 'Extensions', types: ['ContextExtension', 'ResultExtension', 'ActivityExtension'] },
];

/**
 * The profile as a page a person can read in a browser: each concept, statement template and pattern
 * with its IRI and definition, and the JSON-LD document itself embedded for tools that read pages.
 */
export function clfProfilePage(profile: ClfProfile, jsonLd: string): string {
  const concepts = profile.concepts as readonly Described[];
  const sections = [
    ...CONCEPT_SECTIONS.map(({ title, types }) =>
      section(
        title,
        concepts.filter((c) => types.includes(c.type ?? '')),
      ),
    ),
    section('Statement templates', profile.templates as readonly Described[]),
    section('Patterns', profile.patterns as readonly Described[]),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(english(profile.prefLabel))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font-size:.85em;word-break:break-all}</style>
<script type="application/ld+json">${jsonLd.replaceAll('<', '\\u003c')}</script>
</head><body>
<h1>${escapeHtml(english(profile.prefLabel))}</h1>
<p>${escapeHtml(english(profile.definition))}</p>
<p>xAPI Profile <code>${escapeHtml(profile.id)}</code>, version <code>${escapeHtml(profile.versions[0].id)}</code>.
The same document as JSON-LD: request this address with <code>Accept: application/ld+json</code>.</p>
${sections.join('\n')}
</body></html>
`;
}

function section(title: string, items: readonly Described[]): string {
  const rows = items
    .map(
      (item) =>
        `<tr><td>${escapeHtml(english(item.prefLabel))}</td><td><code>${escapeHtml(item.id)}</code></td><td>${escapeHtml(english(item.definition))}</td></tr>`,
    )
    .join('\n');
  return `<h2>${escapeHtml(title)}</h2>
<table><thead><tr><th>Name</th><th>IRI</th><th>Definition</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function english(map: Readonly<Record<string, string>> | undefined): string {
  return map?.en ?? Object.values(map ?? {})[0] ?? '';
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
