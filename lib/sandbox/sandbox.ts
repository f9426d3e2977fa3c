import { TokenIssuer } from "./auth";
import { CallbackSender } from "./callbacks";
import { CommandDelivery } from "./command-delivery";
import { Faults } from "./faults";
import { Lifecycle } from "./lifecycle";
import type { SandboxOptions } from "./settings";
import { World } from "./world";

/**
 * The running sandbox behind the HTTP server: settings, the current World, and what outlives a
 * reseed (faults, issued tokens, callback log).
 */
export class Sandbox {
  world: World;
  lifecycle: Lifecycle;
  commandDelivery: CommandDelivery;
  readonly faults: Faults;
  readonly tokens: TokenIssuer;
  readonly callbacks: CallbackSender;

  constructor(readonly options: SandboxOptions) {
    this.faults = new Faults(options);
    this.tokens = new TokenIssuer(options.tokenTtlSeconds);
    this.callbacks = new CallbackSender(options.callbackRetryMs);
    this.world = this.createWorld(options.seed, options.sims, options.startTime ?? Date.now());
    this.lifecycle = this.createLifecycle();
    this.commandDelivery = this.createCommandDelivery();
  }

  /** Replaces the world; time continues from the current virtual now. */
  reseed(change: { seed?: number; sims?: number }): void {
    const now = this.world.clock.now();
    this.world.clock.stop();
    this.world = this.createWorld(change.seed ?? this.world.seed, change.sims ?? this.world.fleet.size, now);
    this.lifecycle = this.createLifecycle();
    this.commandDelivery = this.createCommandDelivery();
  }

  async close(): Promise<void> {
    this.world.clock.stop();
    await this.callbacks.settle(true);
  }

  private createWorld(seed: number, sims: number, origin: number): World {
    return new World({
      seed,
      sims,
      origin,
      timeScale: this.options.timeScale,
      parent: { clientId: this.options.clientId, clientSecret: this.options.clientSecret },
    });
  }

  private createLifecycle(): Lifecycle {
    return new Lifecycle(
      this.world,
      {
        updateDelayMs: this.options.updateDelayMs,
        resetDelayMs: this.options.resetDelayMs,
        scheduledDelayMs: this.options.scheduledDelayMs,
        deletableStatuses: this.options.deletableStatuses,
      },
      this.faults,
      this.callbacks,
    );
  }

  private createCommandDelivery(): CommandDelivery {
    // At least a second per step, so a command is visibly queued, then sent, then delivered.
    return new CommandDelivery(this.world, Math.max(1000, this.options.updateDelayMs), this.callbacks);
  }
}
