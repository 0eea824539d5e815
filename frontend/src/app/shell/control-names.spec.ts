import { nameInnerInputs, watchControlNames } from './control-names';

// The inner <input> of nz-select is unnamed unless named after its control (axe-core: label, critical).
describe('control names', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it("names a select's inner input (and a switch's button) after the host's aria-label, the form item's label or the title", () => {
    document.body.innerHTML = `
      <nz-select id="a" aria-label="年度"><input class="ant-select-selection-search-input"></nz-select>
      <nz-form-item class="ant-form-item"><div class="ant-form-item-label"><label>区划</label></div>
        <nz-select id="b"><input></nz-select></nz-form-item>
      <nz-select id="c" title="状态"><input></nz-select>
      <nz-select id="d" aria-labelledby="x"><input></nz-select>
      <nz-select id="e"><input aria-label="own name"></nz-select>
      <nz-select id="f"><input></nz-select>
      <nz-switch id="g" aria-labelledby="announced-label"><button class="ant-switch" role="switch"></button></nz-switch>`;
    nameInnerInputs(document.body);
    const input = (id: string) => document.querySelector(`#${id} input`)!;
    expect(input('a').getAttribute('aria-label')).toBe('年度');
    expect(input('b').getAttribute('aria-label')).toBe('区划');
    expect(input('c').getAttribute('aria-label')).toBe('状态');
    expect(input('d').getAttribute('aria-labelledby')).toBe('x');
    expect(input('e').getAttribute('aria-label')).toBe('own name');
    expect(document.querySelector('#g button')!.getAttribute('aria-labelledby')).toBe('announced-label');
    // nothing to name it after: left unnamed, for axe to report
    expect(input('f').hasAttribute('aria-label')).toBe(false);
  });

  it('follows selects rendered later and a language change of the host', async () => {
    const stop = watchControlNames(document.body);
    document.body.insertAdjacentHTML('beforeend', '<nz-select aria-label="年度"><input></nz-select>');
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    const input = document.querySelector('nz-select input')!;
    expect(input.getAttribute('aria-label')).toBe('年度');
    document.querySelector('nz-select')!.setAttribute('aria-label', 'Year');
    await new Promise((r) => setTimeout(r, 0));
    expect(input.getAttribute('aria-label')).toBe('Year');
    stop();
  });
});
