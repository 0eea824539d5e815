/**
 * ng-zorro's nz-select renders an <input> of its own inside the host (nz-switch a <button>), and an
 * aria-label or aria-labelledby on the host does not name that element: a screen reader announces an unnamed edit field (axe-core: `label`, critical;
 * issue 16 item 9). This names each such inner input after its control: the host's aria-label or
 * aria-labelledby, else the label of its form item (nz-form-label), else the host's title. A control
 * with none of these stays unnamed on purpose — axe then points at it and it gets an aria-label.
 */
const INNER_INPUTS = 'nz-select input, .ant-select input, nz-switch button';
const MARK = 'data-name-from-control';

function nameOf(input: HTMLElement): { label?: string; labelledBy?: string } | null {
  const host = input.closest<HTMLElement>('nz-select, .ant-select, nz-switch');
  if (!host) return null;
  const label = host.getAttribute('aria-label')?.trim();
  if (label) return { label };
  const labelledBy = host.getAttribute('aria-labelledby')?.trim();
  if (labelledBy) return { labelledBy };
  const formLabel = host.closest('nz-form-item, .ant-form-item')?.querySelector('.ant-form-item-label label')?.textContent?.trim();
  if (formLabel) return { label: formLabel };
  const title = host.getAttribute('title')?.trim();
  return title ? { label: title } : null;
}

/** Names the inner inputs under `root` now; an input named by its template keeps its own name. */
export function nameInnerInputs(root: ParentNode): void {
  for (const input of Array.from(root.querySelectorAll<HTMLElement>(INNER_INPUTS))) {
    const ownName = !input.hasAttribute(MARK) && (input.hasAttribute('aria-label') || input.hasAttribute('aria-labelledby'));
    if (ownName) continue;
    const name = nameOf(input);
    if (!name) continue;
    input.setAttribute(MARK, '');
    if (name.label !== undefined && input.getAttribute('aria-label') !== name.label) input.setAttribute('aria-label', name.label);
    if (name.labelledBy !== undefined && input.getAttribute('aria-labelledby') !== name.labelledBy) input.setAttribute('aria-labelledby', name.labelledBy);
  }
}

/** Keeps the names up to date as pages render and the language changes; returns the stop function. */
export function watchControlNames(root: HTMLElement): () => void {
  nameInnerInputs(root);
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      nameInnerInputs(root);
    });
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'aria-labelledby', 'title'] });
  return () => observer.disconnect();
}
