import { preferredType, requestPath } from './http';

const accepting = (accept?: string) => ({ headers: accept === undefined ? {} : { accept } });
const REPORT = ['application/json', 'text/csv', 'text/html'];

describe('preferredType: which of the offered formats the Accept header asks for', () => {
  it('gives the first offered when the request names none', () => {
    expect(preferredType(accepting(), REPORT)).toBe('application/json');
    expect(preferredType(accepting(''), REPORT)).toBe('application/json');
  });

  it('gives the type named, whatever its case and parameters', () => {
    expect(preferredType(accepting('text/csv'), REPORT)).toBe('text/csv');
    expect(preferredType(accepting('Text/CSV; charset=utf-8'), REPORT)).toBe('text/csv');
  });

  it('follows quality, then the most specific range, then the header order, then the order offered', () => {
    expect(preferredType(accepting('text/csv;q=0.5, application/json'), REPORT)).toBe('application/json');
    expect(preferredType(accepting('text/*, application/json;q=0.9'), REPORT)).toBe('text/csv');
    expect(preferredType(accepting('text/html, text/csv'), REPORT)).toBe('text/html');
    expect(preferredType(accepting('*/*'), REPORT)).toBe('application/json');
    // A browser opening a page: HTML before the rest.
    expect(
      preferredType(
        accepting('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8'),
        ['application/json', 'text/html'],
      ),
    ).toBe('text/html');
  });

  it('takes the quality of the most specific range that names a type', () => {
    expect(preferredType(accepting('text/*;q=0.2, text/csv;q=0, */*'), REPORT)).toBe('application/json');
    expect(preferredType(accepting('text/*, text/csv;q=0'), ['text/csv', 'text/html'])).toBe('text/html');
  });

  it('is false when nothing offered is acceptable, or the header cannot be read', () => {
    expect(preferredType(accepting('image/png'), REPORT)).toBe(false);
    expect(preferredType(accepting('text/csv;q=0'), ['text/csv'])).toBe(false);
    expect(preferredType(accepting('nonsense'), REPORT)).toBe(false);
  });
});

describe('requestPath', () => {
  it('is the path without its query string', () => {
    expect(requestPath({ url: '/api/v1/cases?status=OPEN' })).toBe('/api/v1/cases');
    expect(requestPath({ url: '/' })).toBe('/');
  });
});
