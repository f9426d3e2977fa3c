import type { CallbackParams, CallbackSender, Delivery } from "./callbacks";
import type { Command } from "./commands";
import type { CallbackTarget } from "./fleet";
import type { World } from "./world";

/**
 * How Commands travel (sim-api.md §13.4). A to_sim command moves queued → sent (or failed when
 * the device has no network access) → delivered on the virtual clock, and each of those changes
 * calls the command's CallbackUrl. A device-originated (from_sim) command arrives as `received`
 * and goes to the SIM's `commands_callback_url`. Both use the status callbacks' delivery (form
 * POST or query GET, idempotency token, one retry) with Twilio's Command callback fields [EMU].
 */
export class CommandDelivery {
  constructor(
    private readonly world: World,
    /** Virtual ms from queued to sent and from sent to delivered. */
    private readonly stepMs: number,
    private readonly callbacks: CallbackSender,
  ) {}

  /** Moves a freshly queued to_sim command along. */
  dispatch(command: Command): void {
    const { clock, fleet } = this.world;
    clock.at(command.dateCreated + this.stepMs, (at) => {
      if (command.deleted) return;
      const online = fleet.isOnline(command.sim, at);
      this.change(command, online ? "sent" : "failed", at);
      if (!online || !command.deliveryReceiptRequested) return;
      clock.at(at + this.stepMs, (deliveredAt) => {
        if (!command.deleted) this.change(command, "delivered", deliveredAt);
      });
    });
  }

  /** A command the device sent: stored as received and posted to the SIM's commands callback. */
  receive(
    sim: number,
    text: string,
    mode: Command["commandMode"],
  ): { command: Command; delivery: Delivery | undefined } {
    const { fleet, clock } = this.world;
    const now = clock.now();
    const command = this.world.commands.add({
      account: fleet.account[sim] as number,
      sim,
      command: text,
      commandMode: mode,
      transport: "sms",
      deliveryReceiptRequested: false,
      status: "received",
      direction: "from_sim",
      dateCreated: now,
      dateUpdated: now,
      callback: undefined,
    });
    const record = fleet.override(sim);
    const url = record?.urls?.commands_callback_url;
    const method = record?.methods?.commands_callback_method ?? "POST";
    const delivery = url ? this.notify(command, { url, method }) : undefined;
    return { command, delivery };
  }

  private change(command: Command, status: Command["status"], at: number): void {
    command.status = status;
    command.dateUpdated = at;
    if (command.callback) this.notify(command, command.callback);
  }

  private notify(command: Command, target: CallbackTarget): Delivery {
    return this.callbacks.send(target.url, target.method, this.params(command));
  }

  private params(command: Command): CallbackParams {
    const { accounts, fleet } = this.world;
    return {
      AccountSid: accounts[command.account]?.sid ?? "",
      ApiVersion: "v1",
      Command: command.command,
      CommandMode: command.commandMode,
      CommandSid: command.sid,
      Direction: command.direction,
      SimSid: fleet.identity.simSid(command.sim),
      SimUniqueName: fleet.uniqueName(command.sim) ?? "",
      Status: command.status,
      Transport: command.transport,
    };
  }
}
