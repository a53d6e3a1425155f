/** Re-renders its host whenever the language changes. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLangChange } from '../i18n/index.js';

export class LocaleController implements ReactiveController {
  private off?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onLangChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
  }
}
