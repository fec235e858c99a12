import { describe, expect, it } from 'vitest';
import { preferredMediaType } from './media-type.js';

const offered = ['application/ld+json', 'application/json', 'text/html'];

describe('preferredMediaType (RFC 9110 12.5.1 Accept)', () => {
  it('no Accept, or */*, takes the first offered', () => {
    expect(preferredMediaType(undefined, offered)).toBe('application/ld+json');
    expect(preferredMediaType('', offered)).toBe('application/ld+json');
    expect(preferredMediaType('*/*', offered)).toBe('application/ld+json');
  });

  it('the highest quality wins; the most specific range decides a type’s quality', () => {
    expect(preferredMediaType('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', offered)).toBe(
      'text/html',
    );
    expect(preferredMediaType('application/json', offered)).toBe('application/json');
    expect(preferredMediaType('application/*;q=0.5, text/html;q=0.4', offered)).toBe('application/ld+json');
    expect(preferredMediaType('application/ld+json;q=0, application/*', offered)).toBe('application/json');
    expect(preferredMediaType('TEXT/HTML; Q=0.9, application/json; q=0.3', offered)).toBe('text/html');
  });

  it('nothing acceptable: undefined (406)', () => {
    expect(preferredMediaType('image/png', offered)).toBeUndefined();
    expect(preferredMediaType('*/*;q=0', offered)).toBeUndefined();
  });
});
