// The JavaScript floor: about the least work a hub with agent-hub's objects
// (one per team, one per agent, sixteen per team for the locked paths) can
// do for the seed benchmark's calls on workerd. `cargo xtask bench
// --side-by-side` measures it beside both hubs: its ratios to the original
// show how much room any implementation of this design has left here.
//
// A health check is answered by the Worker alone; any other GET reads one
// row in its object; any other POST stores its body as a row (the commit
// every acknowledged write needs). Nothing is validated, routed further,
// broadcast or kept in bounds: it is a measuring stick, not a hub.
import { DurableObject } from "cloudflare:workers";

export class Floor extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS rows (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }

  read() {
    const row = this.sql.exec("SELECT seq, body FROM rows ORDER BY seq DESC LIMIT 1").toArray()[0];
    return JSON.stringify({ row: row ?? null });
  }

  write(body) {
    const { seq } = this.sql.exec("INSERT INTO rows (body) VALUES (?) RETURNING seq", body).one();
    return JSON.stringify({ success: true, seq });
  }
}

const json = { "content-type": "application/json" };

function shard(key) {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % 16;
}

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === "/health") return new Response('{"status":"ok"}', { headers: json });
    // `/coordinator/...` is the team's object, `/agent/<id>/...` the
    // agent's, `/lock/<path>/...` one of sixteen by the path.
    const [, kind, key = ""] = path.split("/");
    const name = kind === "coordinator" ? "team" : kind === "lock" ? `lock:${shard(key)}` : `${kind}:${key}`;
    const object = env.FLOOR.get(env.FLOOR.idFromName(name));
    const body = request.method === "GET" ? await object.read() : await object.write(await request.text());
    return new Response(body, { headers: json });
  },
};
