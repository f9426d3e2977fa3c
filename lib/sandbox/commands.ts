import { hash32 } from "./hash";
import { decodeSid, encodeSid } from "./sids";

/** Machine-to-machine Commands sent through the API (none are seeded). */
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
  deleted: boolean;
};

export const MAX_QUEUED_PER_SIM = 100;

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
