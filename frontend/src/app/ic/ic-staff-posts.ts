import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type AuditDetail, POSTS, type Post, type StaffPost } from '../core/models';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { AuditChange } from './ic-audit-change';
import { IcApi } from './ic-api';
import { POST_LABELS } from './ic-labels';
import { type StaffImportProblem, parseStaffCsv } from './staff-import';

/** Segregation-of-duties rules (the backend's detector is authoritative; this only warns early). */
export const CONFLICT_RULES: readonly (readonly [Post, Post])[] = [
  ['payment_review', 'payment_approval'],
  ['registration', 'settlement'],
  ['fund_accounting', 'fund_cashier'],
  ['system_admin', 'business_operator'],
  ['claims_review', 'audit_supervision'],
];

/** The conflicting post pairs one person holds. */
export function conflictsOf(posts: readonly Post[]): (readonly [Post, Post])[] {
  return CONFLICT_RULES.filter(([a, b]) => posts.includes(a) && posts.includes(b));
}

/** A picked file's text, decoded as UTF-8 (FileReader, as Blob.text is not everywhere). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

interface StaffRow {
  personId: string;
  personName: string;
  posts: Post[];
}

/**
 * 二、岗位设置: who holds which post, with the conflicting pairs flagged as they are typed. The
 * audited agency and the team keep the table (by hand or from a CSV) until the audit is closed;
 * the conflicts the backend found are listed below it.
 */
@Component({
  selector: 'app-ic-staff-posts',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSelectModule, NzTagModule, TPipe],
  templateUrl: './ic-staff-posts.html',
  styleUrls: ['../shell/feature-page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IcStaffPosts {
  private readonly api = inject(IcApi);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);

  readonly audit = input.required<AuditDetail>();
  readonly canEditStaff = input.required<boolean>();
  /** The change being sent, if any. */
  readonly busy = input<string | null>(null);
  readonly change = output<AuditChange>();

  protected readonly posts = POSTS;
  protected readonly postLabels = POST_LABELS;

  protected readonly staff = linkedSignal<StaffRow[]>(() =>
    this.audit().staffPosts.map((s) => ({ personId: s.personId, personName: s.personName, posts: [...s.posts] })),
  );
  protected readonly staffError = signal('');
  protected readonly sodFindings = computed(() => this.audit().findings.filter((f) => f.source === 'segregation_of_duties'));

  protected conflictLabels(posts: readonly Post[]): string[] {
    return conflictsOf(posts).map(([a, b]) => `${this.i18n.t(POST_LABELS[a])} + ${this.i18n.t(POST_LABELS[b])}`);
  }

  /** Replaces the staff table with the picked CSV's rows; refuses the whole file on any bad line. */
  protected async importStaff(picker: HTMLInputElement): Promise<void> {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await readText(file);
    } catch {
      this.staffError.set(this.i18n.t('ic.staff.importUnreadable'));
      return;
    }
    const result = parseStaffCsv(text);
    if (!result.ok) {
      this.staffError.set(result.error === 'lines' ? this.importProblems(result.problems) : this.i18n.t(result.error === 'empty' ? 'ic.staff.importEmpty' : 'ic.staff.importHeader'));
      return;
    }
    this.staffError.set('');
    this.staff.set(result.staff.map((s) => ({ ...s, posts: [...s.posts] })));
    this.message.success(this.i18n.t('ic.staff.imported', { count: result.staff.length }));
  }

  private importProblems(problems: StaffImportProblem[]): string {
    const lines = (reason: StaffImportProblem['reason']) =>
      problems
        .filter((p) => p.reason === reason)
        .map((p) => p.line)
        .join(', ');
    const parts: string[] = [];
    if (lines('malformed')) parts.push(this.i18n.t('ic.staff.importMalformed', { lines: lines('malformed') }));
    if (lines('unknownPost')) {
      const posts = [...new Set(problems.flatMap((p) => p.values ?? []))].join(', ');
      parts.push(this.i18n.t('ic.staff.importUnknownPost', { lines: lines('unknownPost'), posts }));
    }
    if (lines('duplicate')) parts.push(this.i18n.t('ic.staff.importDuplicate', { lines: lines('duplicate') }));
    return `${this.i18n.t('ic.staff.importNothing')}${parts.join(' ')}`;
  }

  protected addStaff(): void {
    this.staff.update((rows) => [...rows, { personId: '', personName: '', posts: [] }]);
  }

  protected removeStaff(index: number): void {
    this.staff.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected setStaff(index: number, change: Partial<StaffRow>): void {
    this.staff.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  protected saveStaff(): void {
    const audit = this.audit();
    const staff: StaffPost[] = this.staff().map((r) => ({ personId: r.personId.trim(), personName: r.personName.trim(), posts: r.posts }));
    const ids = staff.map((s) => s.personId);
    if (staff.some((s) => !s.personId || !s.personName) || new Set(ids).size !== ids.length) {
      this.staffError.set(this.i18n.t('ic.staff.invalid'));
      return;
    }
    this.staffError.set('');
    this.change.emit({ action: 'staff', request: this.api.saveStaffPosts(audit.id, staff), success: 'ic.staff.saved' });
  }
}
