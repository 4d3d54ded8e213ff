// Tells in-process caches that a table they mirror was written. A Kysely plugin installed on the store's
// Kysely instance (so every transaction and query built from it carries it) bumps a generation counter per
// watched table on every UPDATE / DELETE / INSERT … ON CONFLICT of that table, before the statement runs and
// again once it ran — wherever in the code the write comes from. Caches compare generations, so a cache read
// that raced a write is never stored. Other nodes' writes are not seen: caches also keep a short TTL.
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

interface Named extends OperationNode {
  table?: OperationNode;
  node?: OperationNode;
  from?: { froms: readonly OperationNode[] };
  into?: OperationNode;
  updates?: readonly { column: { column?: { name?: string } } }[];
  onConflict?: OperationNode;
  sqlFragments?: readonly string[];
  name?: string;
}

/** Table names a write node targets (TableNode / AliasNode(TableNode)). */
function tablesOf(n: Named | undefined, out: string[]): void {
  if (!n) return;
  if (n.kind === "TableNode") {
    const id = n.table as unknown as { identifier?: { name?: string } } | undefined;
    if (id?.identifier?.name) out.push(id.identifier.name);
  } else if (n.kind === "AliasNode") tablesOf(n.node as Named, out);
}

/** The watch whose plugin a Kysely instance carries: WriteWatch.of(db) finds it from the database handle. */
const byPlugin = new WeakMap<KyselyPlugin, WriteWatch>();

export class WriteWatch {
  readonly #gen = new Map<string, number>();
  /** Tables whose plain INSERTs count too (a new key of a key/value table changes what a cache holds). */
  readonly #inserts = new Set<string>();
  /** Columns whose writes do not invalidate (bookkeeping the caches never read), per table. */
  readonly #ignored = new Map<string, Set<string>>();
  readonly plugin: KyselyPlugin;

  constructor(tables: readonly string[]) {
    for (const t of tables) this.#gen.set(t, 0);
    this.plugin = {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
        const watched = this.#see(args.node as Named);
        if (watched) this.#seen.set(args.queryId, watched);
        return args.node;
      },
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
        // Bump again after the write ran: a read that started between the two bumps cannot be cached.
        for (const t of this.#seen.get(args.queryId) ?? []) this.#bump(t);
        this.#seen.delete(args.queryId);
        return args.result;
      },
    };
    byPlugin.set(this.plugin, this);
  }

  /** The watch installed on `db` (any handle built from the store's Kysely instance), else undefined. */
  static of(db: { getExecutor(): { plugins: readonly KyselyPlugin[] } }): WriteWatch | undefined {
    for (const p of db.getExecutor().plugins) {
      const w = byPlugin.get(p);
      if (w) return w;
    }
    return undefined;
  }

  /** Plain INSERTs into `table` count as writes too. */
  countInserts(table: string): void {
    this.#inserts.add(table);
  }

  readonly #seen = new WeakMap<object, string[]>();

  /** Writes that only set these columns of `table` do not count (e.g. access_tokens.last_used_at). */
  ignoreColumns(table: string, columns: readonly string[]): void {
    this.#ignored.set(table, new Set(columns));
  }

  /** The generation of `table`: changes whenever it is written (locally). */
  generation(table: string): number {
    return this.#gen.get(table) ?? 0;
  }

  /** Sum of generations: changes when any of `tables` is written. */
  generations(tables: readonly string[]): number {
    let g = 0;
    for (const t of tables) g += this.generation(t);
    return g;
  }

  #bump(table: string): void {
    const g = this.#gen.get(table);
    if (g !== undefined) this.#gen.set(table, g + 1);
  }

  /** Tables of raw SQL by its fragments: a `sql` template's fragments are one array per call site, so each
   *  hand-written statement is scanned once, not on every run (begin, savepoints, the post path's flush). */
  readonly #rawSeen = new WeakMap<readonly string[], string[]>();

  /** Hand-written SQL: any watched table named in an UPDATE / DELETE / upsert counts. */
  #rawTables(node: Named): string[] {
    const fragments = node.sqlFragments ?? [];
    let tables = this.#rawSeen.get(fragments);
    if (!tables) {
      tables = [];
      const text = fragments.join(" ").toLowerCase();
      if (/\b(update|delete|conflict)\b/.test(text))
        for (const t of this.#gen.keys()) if (text.includes(t)) tables.push(t);
      this.#rawSeen.set(fragments, tables);
    }
    return tables;
  }

  /** Bumps the watched tables `node` writes; returns them (null when it writes none). */
  #see(node: Named): string[] | null {
    const tables: string[] = [];
    if (node.kind === "UpdateQueryNode") {
      tablesOf(node.table as Named, tables);
      const ignored = tables.length === 1 ? this.#ignored.get(tables[0]) : undefined;
      const cols = (node.updates ?? []).map((u) => u.column.column?.name ?? "");
      if (ignored && cols.length > 0 && cols.every((c) => ignored.has(c))) return null;
    } else if (node.kind === "DeleteQueryNode") {
      for (const f of node.from?.froms ?? []) tablesOf(f as Named, tables);
    } else if (node.kind === "InsertQueryNode") {
      tablesOf(node.into as Named, tables);
      if (!node.onConflict) tables.splice(0, tables.length, ...tables.filter((t) => this.#inserts.has(t)));
    } else if (node.kind === "RawNode") tables.push(...this.#rawTables(node));
    const watched = tables.filter((t) => this.#gen.has(t));
    if (!watched.length) return null;
    for (const t of watched) this.#bump(t);
    return watched;
  }
}

/** What the store watches: the tables the auth cache mirrors (principal = token/session row + user row), and
 *  the workspace settings the post path keeps (resolve.ts), whose every insert of a key changes them. */
export function storeWriteWatch(): WriteWatch {
  const w = new WriteWatch(["users", "sessions", "access_tokens", "workspace_settings"]);
  w.countInserts("workspace_settings");
  // Recording a token's use (at most once a minute) changes nothing a principal is made of.
  w.ignoreColumns("access_tokens", ["last_used_at"]);
  return w;
}
