// Tests that check what goes on the PostgreSQL wire, and in which order.
import pg from "pg";

/**
 * What the PostgreSQL connections write and read while `on`, in order: a simple query (BEGIN, COMMIT), the end
 * of an extended-protocol statement (Sync), and each answer's end (ReadyForQuery). `restore` undoes the wrap.
 */
export function wireLog() {
  type Proto = {
    query(text: string): void;
    sync(): void;
    emit(event: string, ...args: unknown[]): boolean;
  };
  const proto = (pg as unknown as { Connection: { prototype: Proto } }).Connection.prototype;
  const { query, sync, emit } = proto;
  const wire = {
    on: false,
    log: [] as string[],
    restore() {
      wire.on = false;
      Object.assign(proto, { query, sync, emit });
    },
  };
  proto.query = function (this: Proto, text: string) {
    if (wire.on) wire.log.push(`send ${text}`);
    return query.call(this, text);
  };
  proto.sync = function (this: Proto) {
    if (wire.on) wire.log.push("send statement");
    return sync.call(this);
  };
  proto.emit = function (this: Proto, event: string, ...args: unknown[]) {
    if (wire.on && event === "readyForQuery") wire.log.push("answer");
    return emit.call(this, event, ...args);
  };
  return wire;
}
