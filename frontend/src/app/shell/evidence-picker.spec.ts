import { TestBed } from '@angular/core/testing';
import type { Attachment } from '../core/models';
import { provideTestApp } from '../testing/fakes';
import { EvidencePicker } from './evidence-picker';

const file = (id: string, filename: string) => ({ id, filename, sizeBytes: 1 }) as Attachment;

describe('EvidencePicker', () => {
  function render(inputs: Record<string, unknown>) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(EvidencePicker);
    const defaults = { buttonText: 'ic.sa.upload', removeLabel: 'ic.sa.removeFile', uploadLabel: 'Upload for A1' };
    for (const [name, value] of Object.entries({ ...defaults, ...inputs })) fixture.componentRef.setInput(name, value);
    const picked: HTMLInputElement[] = [];
    const removed: string[] = [];
    fixture.componentInstance.pick.subscribe((input) => picked.push(input));
    fixture.componentInstance.remove.subscribe((id) => removed.push(id));
    fixture.detectChanges();
    return { el: fixture.nativeElement as HTMLElement, picked, removed };
  }
  const byId = (el: HTMLElement, id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('names its hooks after the test id and the row key, and reports picks and removals', () => {
    const { el, picked, removed } = render({ testId: 'ic-sa', key: 'A1', files: [file('f-1', 'a.pdf')], buttonLabel: true });
    const input = byId(el, 'ic-sa-upload-A1') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.getAttribute('aria-label')).toBe('Upload for A1');
    expect(byId(el, 'ic-sa-upload-button-A1')!.getAttribute('aria-label')).toBe('Upload for A1');
    expect(byId(el, 'ic-sa-file-A1-0')!.textContent).toContain('a.pdf');
    byId(el, 'ic-sa-file-remove-A1-0')!.click();
    expect(removed).toEqual(['f-1']);
    input.dispatchEvent(new Event('change'));
    expect(picked).toEqual([input]);
    expect(el.querySelector('.evidence-row')).not.toBeNull();
  });

  it('without a key: plain hooks, the button named by its text, and stacked when not inline', () => {
    const { el } = render({ testId: 'self-inspection', files: [file('f-1', 'a.pdf')], inline: false, uploading: 1 });
    expect(byId(el, 'self-inspection-upload')).not.toBeNull();
    expect(byId(el, 'self-inspection-file-0')).not.toBeNull();
    const button = byId(el, 'self-inspection-upload-button')!;
    expect(button.hasAttribute('aria-label')).toBe(false);
    expect(button.classList).toContain('ant-btn-loading');
    expect(el.querySelector('.evidence-row')).toBeNull();
  });
});
