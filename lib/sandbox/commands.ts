import { errors } from "./errors";
import type { CallbackTarget } from "./fleet";
import { hash32 } from "./hash";
import { decodeSid, encodeSid } from "./sids";

/** Machine-to-machine Commands sent through the API or simulated from a device (none are seeded). */
export type Command = {
  seq: number;
  sid: string;
  account: number;
  sim: number;
  command: string;
  commandMode: "text" | "binary";
  transport: "sms" | "ip";
  deliveryReceiptRequested: boolean;
  status: "queued" | "sent" | "delivered" | "received" | "failed";
  direction: "from_sim" | "to_sim";
  dateCreated: number;
  dateUpdated: number;
  /** The request's CallbackUrl/CallbackMethod (to_sim only), called on every status change. */
  callback: CallbackTarget | undefined;
  deleted: boolean;
};

export const MAX_QUEUED_PER_SIM = 100;

/** Text ≤ 160 characters, or base64 of ≤ 140 bytes in binary mode (sim-api.md §13.4). */
export function checkCommandBody(text: string, mode: Command["commandMode"]): void {
  if (mode === "text" && text.length > 160)
    throw errors.invalidParameter("Command", "is longer than 160 characters");
  if (
    mode === "binary" &&
    (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || Buffer.from(text, "base64").length > 140)
  ) {
    throw errors.invalidParameter("Command", "must be base64 of at most 140 bytes");
  }
}

export class Commands {
  private readonly items: Command[] = [];
  private readonly key: number;

  constructor(seed: number) {
    this.key = hash32(seed, 0xdc);
  }

  add(fields: Omit<Command, "seq" | "sid" | "deleted">): Command {
    const seq = this.items.length;
    const command: Command = { ...fields, seq, sid: encodeSid("DC", this.key, seq), deleted: false };
    this.items.push(command);
    return command;
  }

  bySid(sid: string): Command | undefined {
    const seq = decodeSid("DC", this.key, sid);
    const command = seq === undefined ? undefined : this.items[seq];
    return command && !command.deleted ? command : undefined;
  }

  seqOfSid(sid: string): number | undefined {
    const seq = decodeSid("DC", this.key, sid);
    return seq !== undefined && seq < this.items.length ? seq : undefined;
  }

  /** Commands of `account`, newest first. */
  list(account: number, filter: (command: Command) => boolean): Command[] {
    const out: Command[] = [];
    for (let i = this.items.length - 1; i >= 0; i--) {
      const command = this.items[i] as Command;
      if (!command.deleted && command.account === account && filter(command)) out.push(command);
    }
    return out;
  }

  queuedFor(sim: number): number {
    let count = 0;
    for (const command of this.items)
      if (!command.deleted && command.sim === sim && command.status === "queued") count++;
    return count;
  }

  get count(): number {
    return this.items.length;
  }
}
