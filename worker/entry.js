// The Worker's entry module (wrangler's `main`, and the first module of the
// workerd config): worker-build's bundle, `build/index.js`, with each
// Durable Object class wrapped in a subclass of `DurableObject`. Only such
// a class's methods can be called by RPC, and the Worker forwards the API
// to its objects by RPC (`api`, see worker/src/call.rs). worker-build's
// classes are proxies that rebuild the Wasm instance after a panic; each
// wrapper holds one instance of them and passes every call on.
import { DurableObject } from "cloudflare:workers";
import worker, * as built from "./build/index.js";

function wrap(Inner) {
  return class extends DurableObject {
    constructor(ctx, env) {
      super(ctx, env);
      this.inner = new Inner(ctx, env);
      // A broadcast's loop over the sockets runs here, not across the Wasm
      // boundary once per socket (objects that broadcast take it).
      if (typeof this.inner.attach === "function") {
        this.inner.attach((text) => {
          for (const ws of ctx.getWebSockets()) {
            try {
              ws.send(text);
            } catch {
              // A closing socket refuses; the others still get it.
            }
          }
        });
      }
    }
    fetch(request) {
      return this.inner.fetch(request);
    }
    api(method, url, caller, team, body) {
      return this.inner.api(method, url, caller, team, body);
    }
    alarm() {
      return this.inner.alarm();
    }
    webSocketMessage(ws, message) {
      return this.inner.webSocketMessage(ws, message);
    }
    webSocketClose(ws, code, reason, clean) {
      return this.inner.webSocketClose(ws, code, reason, clean);
    }
    webSocketError(ws, error) {
      return this.inner.webSocketError(ws, error);
    }
  };
}

export const AgentCoordinator = wrap(built.AgentCoordinator);
export const AgentState = wrap(built.AgentState);
export const ResourceLock = wrap(built.ResourceLock);
export const TeamRegistry = wrap(built.TeamRegistry);
export default worker;
