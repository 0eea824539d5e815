import { jest } from '@jest/globals';
import { type WritableSignal, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { Subject } from 'rxjs';
import { AttachmentsApi } from '../core/attachments';
import type { Attachment } from '../core/models';
import { EvidenceUploads, amountText, attachmentIdsOf, withIssue, withoutIssue } from './self-inspection-drafts';
import { provideTestApp } from '../testing/fakes';

const file = (id: string): Attachment => ({ id }) as Attachment;

describe('self-inspection draft helpers', () => {
  it('writes amounts without trailing zeros on whole yuan', () => {
    expect(amountText(1200)).toBe('1200');
    expect(amountText(3.5)).toBe('3.50');
  });

  it('changes and removes one issue row without touching the others', () => {
    const rows = [{ a: '1' }, { a: '2' }, { a: '3' }];
    expect(withIssue(rows, 1, { a: 'x' })).toEqual([{ a: '1' }, { a: 'x' }, { a: '3' }]);
    expect(withoutIssue(rows, 0)).toEqual([{ a: '2' }, { a: '3' }]);
    expect(rows).toEqual([{ a: '1' }, { a: '2' }, { a: '3' }]);
  });

  it('keeps the saved attachments first and each id once', () => {
    expect(attachmentIdsOf(['a', 'b'], [file('b'), file('c')])).toEqual(['a', 'b', 'c']);
  });
});

describe('EvidenceUploads', () => {
  let uploads: Subject<Attachment>[];
  let source: WritableSignal<object>;
  let evidence: EvidenceUploads;
  const error = jest.fn();

  beforeEach(() => {
    uploads = [];
    error.mockReset();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp(),
        { provide: AttachmentsApi, useValue: { upload: () => uploads[uploads.push(new Subject<Attachment>()) - 1] } },
        { provide: NzMessageService, useValue: { error } },
      ],
    });
    source = signal({});
    evidence = TestBed.runInInjectionContext(() => new EvidenceUploads(source));
  });

  const picker = (...files: File[]) => ({ files, value: 'C:\\fakepath\\x' }) as unknown as HTMLInputElement;

  it('uploads the picked files, counts them under way, and lets one be removed', async () => {
    const input = picker(new File(['x'], 'a.pdf'), new File(['y'], 'b.pdf'));
    evidence.pick(input);
    expect(input.value).toBe('');
    expect(evidence.uploading()).toBe(2);
    uploads[0].next(file('f1'));
    uploads[0].complete();
    uploads[1].next(file('f2'));
    uploads[1].complete();
    await Promise.resolve();
    await Promise.resolve();
    expect(evidence.uploading()).toBe(0);
    expect(evidence.files().map((f) => f.id)).toEqual(['f1', 'f2']);
    evidence.remove('f1');
    expect(evidence.files().map((f) => f.id)).toEqual(['f2']);
  });

  it('refuses files of a kind not accepted, and drops uploads finished after a reload', async () => {
    evidence.pick(picker(new File(['x'], 'virus.exe')));
    expect(error).toHaveBeenCalledTimes(1);
    expect(uploads).toHaveLength(0);

    evidence.pick(picker(new File(['x'], 'a.pdf')));
    source.set({});
    uploads[0].next(file('late'));
    uploads[0].complete();
    await Promise.resolve();
    await Promise.resolve();
    expect(evidence.files()).toEqual([]);
    expect(evidence.uploading()).toBe(0);
  });
});
