import { ancestry, codeOfPath, isRegionPath, isWithin, levelOfPath, parentPath, regionPathOf } from '../../src/kernel/region-path.js';

describe('region paths', () => {
  it('builds paths from GB/T 2260 codes', () => {
    expect(regionPathOf('000000')).toBe('/');
    expect(regionPathOf('32')).toBe('/32/');
    expect(regionPathOf('320000')).toBe('/32/');
    expect(regionPathOf('3201')).toBe('/32/3201/');
    expect(regionPathOf('320100')).toBe('/32/3201/');
    expect(regionPathOf('320102')).toBe('/32/3201/320102/');
    expect(() => regionPathOf('32x')).toThrow(/GB\/T 2260/);
  });

  it('validates paths strictly', () => {
    for (const ok of ['/', '/32/', '/32/3201/', '/32/3201/320102/']) expect(isRegionPath(ok)).toBe(true);
    for (const bad of ['', '32', '/32', '/32/32/', '/32/3201/320102/1/', '/%/', null, 5]) expect(isRegionPath(bad)).toBe(false);
  });

  it('knows levels, parents and ancestry', () => {
    expect(levelOfPath('/')).toBe('nation');
    expect(levelOfPath('/32/3201/320102/')).toBe('county');
    expect(parentPath('/32/3201/320102/')).toBe('/32/3201/');
    expect(parentPath('/32/')).toBe('/');
    expect(parentPath('/')).toBeNull();
    expect(ancestry('/32/3201/320102/')).toEqual(['/32/3201/320102/', '/32/3201/', '/32/', '/']);
    expect(codeOfPath('/32/3201/')).toBe('3201');
    expect(codeOfPath('/')).toBe('000000');
  });

  it('scope containment never confuses siblings that share a prefix of digits', () => {
    expect(isWithin('/32/3201/320102/', '/32/3201/')).toBe(true);
    expect(isWithin('/32/3205/', '/32/3201/')).toBe(false);
    // '/11/' must not contain '/110/'-like strings: the trailing slash makes prefixes exact.
    expect(isWithin('/12/1201/', '/1/')).toBe(false);
  });
});
