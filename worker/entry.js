// The Worker's entry module (wrangler's `main`, and the first module of the
// workerd config): worker-build's bundle, `build/index.js`, served without
// its per-call wrapping.
//
// worker-build exports each class behind a Proxy that rebuilds the Wasm
// instance after a panic, at a price on every call: the Worker's entry is a
// class the runtime constructs for each request, and every method read on
// an object makes a new Proxy. Here the Worker is a plain handler and each
// Durable Object holds the bare wasm-bindgen instance, with the same
// recovery done once per call (`live`). Durable Objects are subclasses of
// `DurableObject`, which RPC needs: the API reaches its objects by RPC
// (`api`, see worker/src/call.rs), the hop made here once the Worker has
// admitted a request (`hop`, see worker/src/hop.rs).
import { DurableObject } from "cloudflare:workers";
import worker, * as built from "./build/index.js";

// workers-rs's state: its panic hook sets `criticalError`, and each
// instantiation of the module bumps `instanceId`.
const init = globalThis.__worker_init_state;

// What this module relies on of worker-build's and wasm-bindgen's output,
// checked when it loads, so an upgrade that changes it fails at once and
// names the cause instead of breaking panic recovery silently. Checked
// with worker-build 0.8.7 and wasm-bindgen 0.2.130 (xtask/src/setup.rs,
// Cargo.toml); xtask's build checks the bundle the same way.
const relied = [
  ["globalThis.__worker_init_state", init && typeof init === "object"],
  ["__worker_init_state.criticalError", init && typeof init.criticalError === "boolean"],
  ["__worker_init_state.instanceId", init && typeof init.instanceId === "number"],
  ["the default export's prototype.fetch", typeof worker?.prototype?.fetch === "function"],
  ...["AgentCoordinator", "AgentState", "ResourceLock", "TeamRegistry"].map((name) => [
    `${name}.prototype.constructor`,
    typeof built[name]?.prototype?.constructor === "function",
  ]),
];
const missing = relied.filter(([, ok]) => !ok).map(([what]) => what);
if (missing.length > 0) {
  throw new Error(
    `worker/entry.js: worker-build's bundle no longer has ${missing.join(", ")}; ` +
      "it was written against worker-build 0.8.7 and wasm-bindgen 0.2.130: update entry.js for the new output",
  );
}

// After a panic, worker-build's shim instantiates the module afresh when one
// of its classes is next constructed; the Worker's entry class is the one
// that builds nothing in Rust.
function heal(ctx, env) {
  if (init.criticalError) Reflect.construct(worker, [ctx, env]);
}

// A trap that is not a panic (out of memory, say) marks the module broken
// too, so the next call heals it.
function critical(e) {
  if (e instanceof WebAssembly.RuntimeError) init.criticalError = true;
  throw e;
}

function guarded(out) {
  return out instanceof Promise ? out.catch(critical) : out;
}

// The entry class's `fetch` (the shim's class proxy traps construction
// only, so its prototype is the bare one).
const serve = worker.prototype.fetch;

// An API request the Worker admitted, carried to its object (a `JsHop`,
// see worker/src/hop.rs): the body read, the object's `api` called, its
// `RpcAnswer` (`{status, body, header?, value?}`, worker/src/reply.rs)
// answered with the Worker's headers.
function hop(request, env, { binding, name, method, url, caller, team, withBody, headers, failure }) {
  const objects = env[binding];
  const stub = objects.get(objects.idFromName(name));
  const call = (body) => stub.api(method, url, caller, team, body);
  return (withBody ? request.text().then(call) : call("")).then(
    ({ status, body, header, value }) => {
      // `headers` is shared by every answer: copied before it is changed.
      if (header === undefined) return new Response(body, { status, headers });
      const own = new Headers(headers);
      own.set(header, value);
      return new Response(body, { status, headers: own });
    },
    (e) => {
      console.error("object unreachable:", e);
      return new Response(failure, { status: 500, headers });
    },
  );
}

export default {
  fetch(request, env, ctx) {
    heal(ctx, env);
    try {
      const out = serve.call({ env, ctx }, request);
      // The Worker answers a `Response`, or a hop for this module to make.
      if (out instanceof Response) return out;
      if (out instanceof Promise) {
        return out.then((v) => (v instanceof Response ? v : hop(request, env, v)), critical);
      }
      return hop(request, env, out);
    } catch (e) {
      critical(e);
    }
  },
};

function wrap(Proxied) {
  const Bare = Proxied.prototype.constructor;
  return class extends DurableObject {
    constructor(ctx, env) {
      super(ctx, env);
      this.build();
    }
    // The Rust object of the current instance of the module.
    build() {
      heal(this.ctx, this.env);
      this.inner = new Bare(this.ctx, this.env);
      this.instance = init.instanceId;
      // A broadcast's loop over the sockets runs here, not across the Wasm
      // boundary once per socket (objects that broadcast take it), and a
      // timer that calls the object's `flush` (its gathered presence).
      if (typeof this.inner.attach === "function") {
        const ctx = this.ctx;
        const sendAll = (text) => {
          for (const ws of ctx.getWebSockets()) {
            try {
              ws.send(text);
            } catch {
              // A closing socket refuses; the others still get it.
            }
          }
        };
        const later = (ms) => {
          setTimeout(() => {
            try {
              this.live.flush();
            } catch (e) {
              console.error("flush failed:", e);
            }
          }, ms);
        };
        this.inner.attach(sendAll, later);
      }
    }
    get live() {
      if (init.criticalError || this.instance !== init.instanceId) this.build();
      return this.inner;
    }
    fetch(request) {
      try {
        return guarded(this.live.fetch(request));
      } catch (e) {
        critical(e);
      }
    }
    api(method, url, caller, team, body) {
      try {
        return guarded(this.live.api(method, url, caller, team, body));
      } catch (e) {
        critical(e);
      }
    }
    alarm() {
      try {
        return guarded(this.live.alarm());
      } catch (e) {
        critical(e);
      }
    }
    webSocketMessage(ws, message) {
      try {
        return guarded(this.live.webSocketMessage(ws, message));
      } catch (e) {
        critical(e);
      }
    }
    webSocketClose(ws, code, reason, clean) {
      try {
        return guarded(this.live.webSocketClose(ws, code, reason, clean));
      } catch (e) {
        critical(e);
      }
    }
    webSocketError(ws, error) {
      try {
        return guarded(this.live.webSocketError(ws, error));
      } catch (e) {
        critical(e);
      }
    }
  };
}

export const AgentCoordinator = wrap(built.AgentCoordinator);
export const AgentState = wrap(built.AgentState);
export const ResourceLock = wrap(built.ResourceLock);
export const TeamRegistry = wrap(built.TeamRegistry);
