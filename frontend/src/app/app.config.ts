import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideAnimationsAsync } from '@angular/platform-browser/animations/async';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth-interceptor';
import { startSession } from './core/boot';
import { errorInterceptor } from './core/error-interceptor';
import { APP_ICONS } from './core/icons';
import { TranslatedTitleStrategy } from './core/title-strategy';
import { provideListDatePicker } from './shell/list-toolbar';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    // The error interceptor outside the auth one, so it sees the final response: a 401 that the
    // auth interceptor answers with a refresh and a successful retry shows no error toast.
    provideHttpClient(withInterceptors([errorInterceptor, authInterceptor])),
    // ng-zorro needs no animation module, but the ngx-charts dashboards that are coming do; the
    // async variant only downloads the animation engine when such a component first renders.
    provideAnimationsAsync(),
    // zh-CN by default; TranslationService switches it at runtime.
    provideNzI18n(zh_CN),
    provideNzIcons(APP_ICONS),
    // The lists' period picker (shell/list-toolbar.ts).
    provideListDatePicker(),
    provideAppInitializer(startSession),
  ],
};
