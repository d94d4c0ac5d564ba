# workerd config for the floor (floor.js): address and data folder are set
# at start (`--socket-addr http=...`, `--directory-path data=...`).
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .floor), (name = "data", disk = (path = "data", writable = true)) ],
  sockets = [ ( name = "http", address = "127.0.0.1:8785", http = (), service = "main" ) ],
);
const floor :Workerd.Worker = (
  modules = [ (name = "floor.js", esModule = embed "floor.js") ],
  compatibilityDate = "2026-11-01",
  bindings = [ (name = "FLOOR", durableObjectNamespace = "Floor") ],
  durableObjectNamespaces = [ (className = "Floor", uniqueKey = "agent-hub-bench-floor", enableSql = true) ],
  durableObjectStorage = (localDisk = "data"),
);
