/** Subscribes its host to a Store: the host re-renders when the value changes. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store } from './store.js';

export class StoreController<T> implements ReactiveController {
  private off?: () => void;

  constructor(private readonly host: ReactiveControllerHost, private readonly store: Store<T>) {
    host.addController(this);
  }

  get value(): T {
    return this.store.get();
  }

  hostConnected(): void {
    this.off = this.store.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
  }
}
