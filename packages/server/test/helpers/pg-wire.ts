// Tests that check what goes on the PostgreSQL wire, and in which order.
import { Socket } from "node:net";
import pg from "pg";

/**
 * What the PostgreSQL connections write and read while `on`, in order: a simple query (BEGIN, COMMIT), the end
 * of an extended-protocol statement (Sync), and each answer's end (ReadyForQuery); with `writes`, also each
 * socket write that carries them ("write"). `restore` undoes the wrap.
 */
export function wireLog(opts: { writes?: boolean } = {}) {
  type Proto = {
    stream: Socket;
    query(text: string): void;
    sync(): void;
    emit(event: string, ...args: unknown[]): boolean;
  };
  type Writes = { _write: (...args: unknown[]) => void; _writev?: (...args: unknown[]) => void };
  const proto = (pg as unknown as { Connection: { prototype: Proto } }).Connection.prototype;
  const socket = Socket.prototype as unknown as Writes;
  const { query, sync, emit } = proto;
  const { _write, _writev } = socket;
  /** The sockets of the connections that sent something while on. */
  const streams = new WeakSet<Socket>();
  const wire = {
    on: false,
    log: [] as string[],
    restore() {
      wire.on = false;
      Object.assign(proto, { query, sync, emit });
      Object.assign(socket, { _write, _writev });
    },
  };
  proto.query = function (this: Proto, text: string) {
    if (wire.on) {
      wire.log.push(`send ${text}`);
      streams.add(this.stream);
    }
    return query.call(this, text);
  };
  proto.sync = function (this: Proto) {
    if (wire.on) {
      wire.log.push("send statement");
      streams.add(this.stream);
    }
    return sync.call(this);
  };
  if (opts.writes) {
    const logged = (write: (...args: unknown[]) => void) =>
      function (this: Socket, ...args: unknown[]) {
        if (wire.on && streams.has(this)) wire.log.push("write");
        return write.apply(this, args);
      };
    socket._write = logged(_write);
    if (_writev) socket._writev = logged(_writev);
  }
  proto.emit = function (this: Proto, event: string, ...args: unknown[]) {
    if (wire.on && event === "readyForQuery") wire.log.push("answer");
    return emit.call(this, event, ...args);
  };
  return wire;
}
