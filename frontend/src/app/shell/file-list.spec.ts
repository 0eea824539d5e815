import { TestBed } from '@angular/core/testing';
import type { Attachment } from '../core/models';
import { provideTestApp } from '../testing/fakes';
import { FileList } from './file-list';

const file = (id: string, filename: string, sizeBytes: number) => ({ id, filename, sizeBytes }) as Attachment;

describe('FileList', () => {
  function render(inputs: Record<string, unknown>) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(FileList);
    for (const [name, value] of Object.entries({ removeLabel: 'ic.sa.removeFile', ...inputs })) fixture.componentRef.setInput(name, value);
    const removed: string[] = [];
    fixture.componentInstance.remove.subscribe((id) => removed.push(id));
    fixture.detectChanges();
    return { el: fixture.nativeElement as HTMLElement, removed };
  }

  it('lists the files with their size and a named remove button that reports the file', () => {
    const { el, removed } = render({ files: [file('a-1', '合同.pdf', 2048), file('a-2', 'notes.txt', 10)], testId: 'x-file-', removeTestId: 'x-file-remove-' });
    expect(el.querySelector('[data-testid="x-file-0"]')!.textContent).toContain('合同.pdf');
    expect(el.querySelector('[data-testid="x-file-1"] .filename')!.getAttribute('title')).toBe('notes.txt');
    const remove = el.querySelector<HTMLButtonElement>('[data-testid="x-file-remove-1"]')!;
    expect(remove.getAttribute('aria-label')).toBe('移除 notes.txt');
    remove.click();
    expect(removed).toEqual(['a-2']);
  });

  it('renders nothing without files, and no remove test ids unless asked for', () => {
    expect(render({ files: [], testId: 'x-file-' }).el.querySelector('ul')).toBeNull();
    TestBed.resetTestingModule();
    const { el } = render({ files: [file('a-1', 'a.pdf', 1)], testId: 'x-file-' });
    expect(el.querySelector('[data-testid="x-file-0"] button')!.hasAttribute('data-testid')).toBe(false);
  });
});
