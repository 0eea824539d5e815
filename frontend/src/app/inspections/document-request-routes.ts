import type { Routes } from '@angular/router';

/** 资料调取 (/institution/document-requests): the institution's document requests and its answers. */
export function institutionDocumentRequestRoutes(): Routes {
  return [
    {
      path: '',
      pathMatch: 'full',
      title: 'documentRequest.portal.title',
      data: { section: 'institution' },
      loadComponent: () => import('./institution-document-requests').then((m) => m.InstitutionDocumentRequests),
    },
  ];
}
