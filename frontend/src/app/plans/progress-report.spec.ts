import { jest } from '@jest/globals';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NzMessageService } from 'ng-zorro-antd/message';
import { attachmentRefusal, formatFileSize } from '../core/attachments';
import type { Attachment, PlanDetail } from '../core/models';
import { TranslationService } from '../i18n/translation';
import { PLAN_NOW, fakePlan, provideTestApp } from '../testing/fakes';
import { ProgressReport } from './progress-report';
import { CLOCK } from '../core/clock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const MB = 1024 * 1024;

/** A file of the given name; `size` overrides the content length so no 20 MB buffer is built. */
function fileOf(name: string, size?: number): File {
  const file = new File(['%PDF-1.7 evidence'], name, { type: 'application/octet-stream' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
}

function attachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: '3f1c2a4e-0000-4000-8000-000000000001',
    filename: '5月现场检查记录.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1536,
    sha256: 'ab'.repeat(32),
    createdAt: '2027-05-10T02:00:00Z',
    ...overrides,
  };
}

describe('Progress report evidence upload', () => {
  let http: HttpTestingController;

  afterEach(() => http.verify());

  async function render(plan: PlanDetail = fakePlan({ status: 'filed', filedAt: '2027-05-08T02:00:00Z' })) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [...provideTestApp(), { provide: CLOCK, useValue: () => PLAN_NOW }],
    });
    http = TestBed.inject(HttpTestingController);
    const message = TestBed.inject(NzMessageService);
    const error = jest.spyOn(message, 'error').mockReturnValue(undefined as never);
    jest.spyOn(message, 'success').mockReturnValue(undefined as never);
    const fixture = TestBed.createComponent(ProgressReport);
    fixture.componentRef.setInput('plan', plan);
    const saved: PlanDetail[] = [];
    fixture.componentInstance.saved.subscribe((p) => saved.push(p));
    const stable = async () => {
      await settle();
      await fixture.whenStable();
      await settle();
    };
    /** Lets the auth interceptor (an awaited token) send the request. */
    const tick = async () => {
      for (let i = 0; i < 3; i++) await settle();
    };
    await stable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends Element = HTMLElement>(testId: string) => el.querySelector<T>(`[data-testid="${testId}"]`);
    const text = (testId: string) => q(testId)?.textContent?.replace(/\s+/g, ' ').trim();
    const pick = async (testId: string, ...files: File[]) => {
      const input = q<HTMLInputElement>(testId)!;
      Object.defineProperty(input, 'files', { configurable: true, value: files });
      input.dispatchEvent(new Event('change'));
      await tick();
    };
    const click = async (testId: string) => {
      q<HTMLButtonElement>(testId)!.click();
      await stable();
    };
    return { fixture, el, q, text, pick, click, stable, tick, error, saved };
  }

  it('uploads the file as multipart field `file`, lists it, and attaches its id when the month is saved', async () => {
    const plan = fakePlan({
      status: 'filed',
      progress: [{ taskId: 't1', month: 5, doneQuantity: 2, note: null, attachmentIds: ['att-1'] }],
    });
    const { q, text, pick, click, stable, tick, error, saved } = await render(plan);
    const input = q<HTMLInputElement>('progress-upload-0')!;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.pdf,.png,.jpg,.jpeg,.xlsx,.docx,.ofd,.zip');
    expect(text('progress-report')).toContain('已有附件 1 个');

    const file = fileOf('5月现场检查记录.pdf');
    await pick('progress-upload-0', file);
    const post = http.expectOne('/api/attachments');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('Authorization')).toBe('Bearer fake-access-token');
    expect(post.request.body).toBeInstanceOf(FormData);
    const sent = (post.request.body as FormData).get('file') as File;
    expect(sent).toBeInstanceOf(File);
    expect(sent.name).toBe('5月现场检查记录.pdf');
    // The picker is cleared so that the same file can be picked again.
    expect(input.value).toBe('');

    // Saving waits for the upload.
    expect(q<HTMLButtonElement>('progress-save')!.disabled).toBe(true);
    post.flush(attachment({ id: 'new-1' }));
    await stable();
    expect(q<HTMLButtonElement>('progress-save')!.disabled).toBe(false);
    expect(text('progress-file-0-0')).toContain('5月现场检查记录.pdf');
    expect(text('progress-file-0-0')).toContain('1.5 KB');
    expect(q('progress-file-1-0')).toBeNull();

    // A second task gets its own file.
    await pick('progress-upload-1', fileOf('复审清单.xlsx'));
    http.expectOne('/api/attachments').flush(attachment({ id: 'new-2', filename: '复审清单.xlsx', sizeBytes: 3 * MB }));
    await stable();
    expect(text('progress-file-1-0')).toContain('复审清单.xlsx');
    expect(text('progress-file-1-0')).toContain('3.0 MB');

    await click('progress-save');
    await tick();
    const put = http.expectOne('/api/plans/p1/progress/5');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      entries: [
        { taskId: 't1', doneQuantity: 2, attachmentIds: ['att-1', 'new-1'] },
        { taskId: 't2', doneQuantity: 0, attachmentIds: ['new-2'] },
      ],
    });
    const updated = fakePlan({
      ...plan,
      progress: [
        { taskId: 't1', month: 5, doneQuantity: 2, note: null, attachmentIds: ['att-1', 'new-1'] },
        { taskId: 't2', month: 5, doneQuantity: 0, note: null, attachmentIds: ['new-2'] },
      ],
    });
    put.flush(updated);
    await stable();
    expect(saved).toEqual([updated]);
    expect(error).not.toHaveBeenCalled();
  });

  it('does not attach a file that was removed', async () => {
    const { q, pick, click, stable, tick } = await render();
    await pick('progress-upload-0', fileOf('a.pdf'), fileOf('b.png'));
    const posts = http.match('/api/attachments');
    expect(posts).toHaveLength(2);
    posts[0]!.flush(attachment({ id: 'id-a', filename: 'a.pdf' }));
    posts[1]!.flush(attachment({ id: 'id-b', filename: 'b.png' }));
    await stable();
    expect(q('progress-file-0-1')).not.toBeNull();

    await click('progress-file-remove-0-0');
    expect(q('progress-file-0-0')!.textContent).toContain('b.png');
    expect(q('progress-file-0-1')).toBeNull();

    await click('progress-save');
    await tick();
    const put = http.expectOne('/api/plans/p1/progress/5');
    expect(put.request.body).toEqual({
      entries: [
        { taskId: 't1', doneQuantity: 0, attachmentIds: ['id-b'] },
        { taskId: 't2', doneQuantity: 0 },
      ],
    });
    put.flush(fakePlan({ status: 'filed' }));
    await stable();
  });

  it('refuses a too-large or wrong-type file without a request, in the current language', async () => {
    const { q, pick, error } = await render();
    await pick('progress-upload-0', fileOf('全年台账.pdf', 20 * MB + 1));
    expect(error).toHaveBeenLastCalledWith('未上传“全年台账.pdf”：文件超过 20 MB 的大小限制。');
    await pick('progress-upload-0', fileOf('现场照片.gif'));
    expect(error).toHaveBeenLastCalledWith(
      '未上传“现场照片.gif”：只接受 PDF、PNG、JPEG、XLSX、DOCX、OFD 或 ZIP 文件。',
    );

    TestBed.inject(TranslationService).use('en');
    await pick('progress-upload-1', fileOf('setup.exe'));
    expect(error).toHaveBeenLastCalledWith(
      '“setup.exe” was not uploaded: only PDF, PNG, JPEG, XLSX, DOCX, OFD or ZIP files are accepted.',
    );
    await pick('progress-upload-1', fileOf('scan.PDF', 25 * MB));
    expect(error).toHaveBeenLastCalledWith('“scan.PDF” was not uploaded: it exceeds the 20 MB size limit.');

    http.expectNone('/api/attachments');
    expect(q('progress-file-0-0')).toBeNull();
    expect(q('progress-file-1-0')).toBeNull();
  });

  it('keeps the list unchanged when the server refuses the upload', async () => {
    const { q, pick, stable } = await render();
    await pick('progress-upload-0', fileOf('fake.pdf'));
    http.expectOne('/api/attachments').flush(
      { error: { code: 'attachment_type_not_allowed', message: { zh: '内容与扩展名不一致', en: 'mismatch' } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(q('progress-file-0-0')).toBeNull();
    expect(q<HTMLButtonElement>('progress-save')!.disabled).toBe(false);
  });
});

describe('attachment checks', () => {
  it.each<[string, number, string | null]>([
    ['a.pdf', 1, null],
    ['A.JPEG', 1, null],
    ['报告.ofd', 1, null],
    ['book.xlsx', 20 * MB, null],
    ['book.xlsx', 20 * MB + 1, 'attachments.tooLarge'],
    ['empty.docx', 0, 'attachments.empty'],
    ['archive.rar', 1, 'attachments.typeNotAllowed'],
    ['pdf', 1, 'attachments.typeNotAllowed'],
    ['.zip', 1, 'attachments.typeNotAllowed'],
  ])('%s of %d bytes → %s', (name, size, refusal) => {
    expect(attachmentRefusal({ name, size })).toBe(refusal);
  });

  it.each<[number, string]>([
    [512, '512 B'],
    [1536, '1.5 KB'],
    [200 * 1024, '200 KB'],
    [3 * MB, '3.0 MB'],
    [20 * MB, '20 MB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});
