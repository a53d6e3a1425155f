/** Loads a module on demand (a separate chunk) when its host connects; `ready` tells the host it may render it. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LazyController implements ReactiveController {
  ready = false;
  failed = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly load: () => Promise<unknown>) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.ready) return;
    this.load().then(
      () => ((this.ready = true), this.host.requestUpdate()),
      () => ((this.failed = true), this.host.requestUpdate()),
    );
  }
}
