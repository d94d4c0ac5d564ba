var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// worker/build/index.js
import { WorkerEntrypoint as Ct } from "cloudflare:workers";
import ct from "./ba363f4bdc46ae2737791698941e6e5a53764e63-index_bg.wasm";
var tt = globalThis.__worker_init_state = { criticalError: false, instanceId: 0 };
var S = class {
  static {
    __name(this, "S");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, nt.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_agentcoordinator_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  alarm() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.agentcoordinator_alarm(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t;
  }
  connect(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.agentcoordinator_connect(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  fetch(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.agentcoordinator_fetch(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  constructor(t, e) {
    let n;
    c();
    try {
      n = _.agentcoordinator_new(t, e);
    } catch (i) {
      s(i);
    }
    return this.__wbg_ptr = n, Object.defineProperty(this, "__wbg_inst", { value: o, writable: true }), nt.register(this, { ptr: n, instance: o }, this), this;
  }
  webSocketClose(t, e, n, i) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let a = +e, u = +i, w = p(n, _.__wbindgen_export2, _.__wbindgen_export3), h = g, y;
    c();
    try {
      y = _.agentcoordinator_webSocketClose(this.__wbg_ptr, t, a, w, h, u);
    } catch (v) {
      s(v);
    }
    return y;
  }
  webSocketError(t, e) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let n;
    c();
    try {
      n = _.agentcoordinator_webSocketError(this.__wbg_ptr, t, e);
    } catch (i) {
      s(i);
    }
    return n;
  }
  webSocketMessage(t, e) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let n;
    c();
    try {
      n = _.agentcoordinator_webSocketMessage(this.__wbg_ptr, t, e);
    } catch (i) {
      s(i);
    }
    return n;
  }
};
Symbol.dispose && (S.prototype[Symbol.dispose] = S.prototype.free);
var k = class {
  static {
    __name(this, "k");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, rt.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_agentstate_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  alarm() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.agentstate_alarm(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t;
  }
  connect(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.agentstate_connect(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  fetch(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.agentstate_fetch(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  constructor(t, e) {
    let n;
    c();
    try {
      n = _.agentstate_new(t, e);
    } catch (i) {
      s(i);
    }
    return this.__wbg_ptr = n, Object.defineProperty(this, "__wbg_inst", { value: o, writable: true }), rt.register(this, { ptr: n, instance: o }, this), this;
  }
  webSocketClose(t, e, n, i) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let a = +e, u = +i, w = p(n, _.__wbindgen_export2, _.__wbindgen_export3), h = g, y;
    c();
    try {
      y = _.agentstate_webSocketClose(this.__wbg_ptr, t, a, w, h, u);
    } catch (v) {
      s(v);
    }
    return y;
  }
  webSocketError(t, e) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let n;
    c();
    try {
      n = _.agentstate_webSocketError(this.__wbg_ptr, t, e);
    } catch (i) {
      s(i);
    }
    return n;
  }
  webSocketMessage(t, e) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let n;
    c();
    try {
      n = _.agentstate_webSocketMessage(this.__wbg_ptr, t, e);
    } catch (i) {
      s(i);
    }
    return n;
  }
};
Symbol.dispose && (k.prototype[Symbol.dispose] = k.prototype.free);
var W = class {
  static {
    __name(this, "W");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, Et.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_containerstartupoptions_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  get enableInternet() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.__wbg_get_containerstartupoptions_enableInternet(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t === 16777215 ? void 0 : t !== 0;
  }
  get entrypoint() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
      let i = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      c();
      try {
        _.__wbg_get_containerstartupoptions_entrypoint(i, this.__wbg_ptr);
      } catch (a) {
        s(a);
      }
      var t = b().getInt32(i + 0, true), e = b().getInt32(i + 4, true), n = lt(t, e);
      return _.__wbindgen_export4(t, e * 4, 4), n;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get env() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.__wbg_get_containerstartupoptions_env(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t;
  }
  set enableInternet(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_containerstartupoptions_enableInternet(this.__wbg_ptr, f(t) ? 16777215 : t ? 1 : 0);
    } catch (e) {
      s(e);
    }
  }
  set entrypoint(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e = G(t, _.__wbindgen_export2), n = g;
    c();
    try {
      _.__wbg_set_containerstartupoptions_entrypoint(this.__wbg_ptr, e, n);
    } catch (i) {
      s(i);
    }
  }
  set env(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_containerstartupoptions_env(this.__wbg_ptr, t);
    } catch (e) {
      s(e);
    }
  }
};
Symbol.dispose && (W.prototype[Symbol.dispose] = W.prototype.free);
var j = class {
  static {
    __name(this, "j");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, St.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_intounderlyingbytesource_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  get autoAllocateChunkSize() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.intounderlyingbytesource_autoAllocateChunkSize(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t >>> 0;
  }
  cancel() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw();
    c();
    try {
      _.intounderlyingbytesource_cancel(t);
    } catch (e) {
      s(e);
    }
  }
  pull(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.intounderlyingbytesource_pull(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  start(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.intounderlyingbytesource_start(this.__wbg_ptr, t);
    } catch (e) {
      s(e);
    }
  }
  get type() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.intounderlyingbytesource_type(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return wt[t];
  }
};
Symbol.dispose && (j.prototype[Symbol.dispose] = j.prototype.free);
var B = class {
  static {
    __name(this, "B");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, kt.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_intounderlyingbytesource2_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  get autoAllocateChunkSize() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.intounderlyingbytesource2_autoAllocateChunkSize(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t >>> 0;
  }
  cancel() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw();
    c();
    try {
      _.intounderlyingbytesource2_cancel(t);
    } catch (e) {
      s(e);
    }
  }
  pull(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.intounderlyingbytesource2_pull(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  start(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.intounderlyingbytesource2_start(this.__wbg_ptr, t);
    } catch (e) {
      s(e);
    }
  }
  get type() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.intounderlyingbytesource2_type(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return wt[t];
  }
};
Symbol.dispose && (B.prototype[Symbol.dispose] = B.prototype.free);
var R = class {
  static {
    __name(this, "R");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, Wt.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_intounderlyingsink_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  abort(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e = this.__destroy_into_raw(), n;
    c();
    try {
      n = _.intounderlyingsink_abort(e, t);
    } catch (i) {
      s(i);
    }
    return n;
  }
  close() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw(), e;
    c();
    try {
      e = _.intounderlyingsink_close(t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  write(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.intounderlyingsink_write(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
};
Symbol.dispose && (R.prototype[Symbol.dispose] = R.prototype.free);
var q = class {
  static {
    __name(this, "q");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, jt.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_intounderlyingsink2_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  abort(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e = this.__destroy_into_raw(), n;
    c();
    try {
      n = _.intounderlyingsink2_abort(e, t);
    } catch (i) {
      s(i);
    }
    return n;
  }
  close() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw(), e;
    c();
    try {
      e = _.intounderlyingsink2_close(t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  write(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.intounderlyingsink2_write(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
};
Symbol.dispose && (q.prototype[Symbol.dispose] = q.prototype.free);
var F = class {
  static {
    __name(this, "F");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, Rt.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_intounderlyingsource_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  cancel() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw();
    c();
    try {
      _.intounderlyingsource_cancel(t);
    } catch (e) {
      s(e);
    }
  }
  pull(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.intounderlyingsource_pull(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
};
Symbol.dispose && (F.prototype[Symbol.dispose] = F.prototype.free);
var L = class r {
  static {
    __name(this, "r");
  }
  static __wrap(t) {
    let e = Object.create(r.prototype);
    return e.__wbg_ptr = t, Object.defineProperty(e, "__wbg_inst", { value: o, writable: true }), _t.register(e, { ptr: t, instance: o }, e), e;
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, _t.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_intounderlyingsource2_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  cancel() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw();
    c();
    try {
      _.intounderlyingsource2_cancel(t);
    } catch (e) {
      s(e);
    }
  }
  pull(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.intounderlyingsource2_pull(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
};
Symbol.dispose && (L.prototype[Symbol.dispose] = L.prototype.free);
var E = class r2 {
  static {
    __name(this, "r");
  }
  static __wrap(t) {
    let e = Object.create(r2.prototype);
    return e.__wbg_ptr = t, Object.defineProperty(e, "__wbg_inst", { value: o, writable: true }), it.register(e, { ptr: t, instance: o }, e), e;
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, it.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_minifyconfig_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  get css() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.__wbg_get_minifyconfig_css(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t !== 0;
  }
  get html() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.__wbg_get_minifyconfig_html(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t !== 0;
  }
  get js() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.__wbg_get_minifyconfig_js(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t !== 0;
  }
  set css(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_minifyconfig_css(this.__wbg_ptr, t);
    } catch (e) {
      s(e);
    }
  }
  set html(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_minifyconfig_html(this.__wbg_ptr, t);
    } catch (e) {
      s(e);
    }
  }
  set js(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_minifyconfig_js(this.__wbg_ptr, t);
    } catch (e) {
      s(e);
    }
  }
};
Symbol.dispose && (E.prototype[Symbol.dispose] = E.prototype.free);
var A = class {
  static {
    __name(this, "A");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, Ft.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_r2range_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  get length() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
      let n = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      c();
      try {
        _.__wbg_get_r2range_length(n, this.__wbg_ptr);
      } catch (i) {
        s(i);
      }
      var t = b().getInt32(n + 0, true), e = b().getFloat64(n + 8, true);
      return t === 0 ? void 0 : e;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get offset() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
      let n = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      c();
      try {
        _.__wbg_get_r2range_offset(n, this.__wbg_ptr);
      } catch (i) {
        s(i);
      }
      var t = b().getInt32(n + 0, true), e = b().getFloat64(n + 8, true);
      return t === 0 ? void 0 : e;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get suffix() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
      let n = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      c();
      try {
        _.__wbg_get_r2range_suffix(n, this.__wbg_ptr);
      } catch (i) {
        s(i);
      }
      var t = b().getInt32(n + 0, true), e = b().getFloat64(n + 8, true);
      return t === 0 ? void 0 : e;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  set length(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_r2range_length(this.__wbg_ptr, !f(t), f(t) ? 0 : t);
    } catch (e) {
      s(e);
    }
  }
  set offset(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_r2range_offset(this.__wbg_ptr, !f(t), f(t) ? 0 : t);
    } catch (e) {
      s(e);
    }
  }
  set suffix(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    c();
    try {
      _.__wbg_set_r2range_suffix(this.__wbg_ptr, !f(t), f(t) ? 0 : t);
    } catch (e) {
      s(e);
    }
  }
};
Symbol.dispose && (A.prototype[Symbol.dispose] = A.prototype.free);
var z = class {
  static {
    __name(this, "z");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, ot.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    c();
    try {
      _.__wbg_resourcelock_free(t, 0);
    } catch (e) {
      s(e);
    }
  }
  alarm() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    c();
    try {
      t = _.resourcelock_alarm(this.__wbg_ptr);
    } catch (e) {
      s(e);
    }
    return t;
  }
  connect(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.resourcelock_connect(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  fetch(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    c();
    try {
      e = _.resourcelock_fetch(this.__wbg_ptr, t);
    } catch (n) {
      s(n);
    }
    return e;
  }
  constructor(t, e) {
    let n;
    c();
    try {
      n = _.resourcelock_new(t, e);
    } catch (i) {
      s(i);
    }
    return this.__wbg_ptr = n, Object.defineProperty(this, "__wbg_inst", { value: o, writable: true }), ot.register(this, { ptr: n, instance: o }, this), this;
  }
  webSocketClose(t, e, n, i) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let a = +e, u = +i, w = p(n, _.__wbindgen_export2, _.__wbindgen_export3), h = g, y;
    c();
    try {
      y = _.resourcelock_webSocketClose(this.__wbg_ptr, t, a, w, h, u);
    } catch (v) {
      s(v);
    }
    return y;
  }
  webSocketError(t, e) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let n;
    c();
    try {
      n = _.resourcelock_webSocketError(this.__wbg_ptr, t, e);
    } catch (i) {
      s(i);
    }
    return n;
  }
  webSocketMessage(t, e) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== o) throw new Error("Invalid stale object from previous Wasm instance");
    let n;
    c();
    try {
      n = _.resourcelock_webSocketMessage(this.__wbg_ptr, t, e);
    } catch (i) {
      s(i);
    }
    return n;
  }
};
Symbol.dispose && (z.prototype[Symbol.dispose] = z.prototype.free);
function D() {
  o++, I = null, C = null, O = null, typeof numBytesDecoded < "u" && (numBytesDecoded = 0), typeof g < "u" && (g = 0), Q = false, V = false, K = new WebAssembly.Instance(ct, ut()), _ = K.exports, _.__wbindgen_start();
}
__name(D, "D");
function at() {
  let r3;
  c();
  try {
    r3 = _.__worker_init_state();
  } catch (t) {
    s(t);
  }
  return r3;
}
__name(at, "at");
function bt(r3, t, e) {
  let n;
  c();
  try {
    n = _.fetch(r3, t, e);
  } catch (i) {
    s(i);
  }
  return n;
}
__name(bt, "bt");
function ft() {
  c();
  try {
    _.start();
  } catch (r3) {
    s(r3);
  }
}
__name(ft, "ft");
function ut() {
  return { __proto__: null, "./index_bg.js": { __proto__: null, __wbg_Error_208446807d0d1e30: /* @__PURE__ */ __name(function(t, e) {
    return Error(d(t, e));
  }, "__wbg_Error_208446807d0d1e30"), __wbg_Number_ff192a72a0dcdf6d: /* @__PURE__ */ __name(function(t) {
    return Number(t);
  }, "__wbg_Number_ff192a72a0dcdf6d"), __wbg_String_8564e559799eccda: /* @__PURE__ */ __name(function(t, e) {
    let n = String(e), i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_String_8564e559799eccda"), __wbg___wbindgen_bigint_get_as_i64_11da4b52cd0aedef: /* @__PURE__ */ __name(function(t, e) {
    let n = e, i = typeof n == "bigint" ? n : void 0;
    b().setBigInt64((t >>> 0) + 8, f(i) ? BigInt(0) : i, true), b().setInt32((t >>> 0) + 0, !f(i), true);
  }, "__wbg___wbindgen_bigint_get_as_i64_11da4b52cd0aedef"), __wbg___wbindgen_boolean_get_4f1baf9a00be3c74: /* @__PURE__ */ __name(function(t) {
    let e = t, n = typeof e == "boolean" ? e : void 0;
    return f(n) ? 16777215 : n ? 1 : 0;
  }, "__wbg___wbindgen_boolean_get_4f1baf9a00be3c74"), __wbg___wbindgen_debug_string_f249a2a76caa9a55: /* @__PURE__ */ __name(function(t, e) {
    let n = gt(e), i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg___wbindgen_debug_string_f249a2a76caa9a55"), __wbg___wbindgen_in_3f58a9d3b3a7eed2: /* @__PURE__ */ __name(function(t, e) {
    return t in e;
  }, "__wbg___wbindgen_in_3f58a9d3b3a7eed2"), __wbg___wbindgen_is_bigint_5fa10641e039d3ef: /* @__PURE__ */ __name(function(t) {
    return typeof t == "bigint";
  }, "__wbg___wbindgen_is_bigint_5fa10641e039d3ef"), __wbg___wbindgen_is_falsy_d864b623500ae65d: /* @__PURE__ */ __name(function(t) {
    return !t;
  }, "__wbg___wbindgen_is_falsy_d864b623500ae65d"), __wbg___wbindgen_is_function_741ff2bb612836f5: /* @__PURE__ */ __name(function(t) {
    return typeof t == "function";
  }, "__wbg___wbindgen_is_function_741ff2bb612836f5"), __wbg___wbindgen_is_null_c22311b1cc228e3a: /* @__PURE__ */ __name(function(t) {
    return t === null;
  }, "__wbg___wbindgen_is_null_c22311b1cc228e3a"), __wbg___wbindgen_is_null_or_undefined_fb96af93c75460ae: /* @__PURE__ */ __name(function(t) {
    return t == null;
  }, "__wbg___wbindgen_is_null_or_undefined_fb96af93c75460ae"), __wbg___wbindgen_is_object_8b968c3ab8e96595: /* @__PURE__ */ __name(function(t) {
    let e = t;
    return typeof e == "object" && e !== null;
  }, "__wbg___wbindgen_is_object_8b968c3ab8e96595"), __wbg___wbindgen_is_string_fc456fee5d3317de: /* @__PURE__ */ __name(function(t) {
    return typeof t == "string";
  }, "__wbg___wbindgen_is_string_fc456fee5d3317de"), __wbg___wbindgen_is_undefined_be5b34249ff1fc15: /* @__PURE__ */ __name(function(t) {
    return t === void 0;
  }, "__wbg___wbindgen_is_undefined_be5b34249ff1fc15"), __wbg___wbindgen_jsval_eq_38d7bfbe4cc84039: /* @__PURE__ */ __name(function(t, e) {
    return t === e;
  }, "__wbg___wbindgen_jsval_eq_38d7bfbe4cc84039"), __wbg___wbindgen_jsval_loose_eq_b2f214e2e4b30e36: /* @__PURE__ */ __name(function(t, e) {
    return t == e;
  }, "__wbg___wbindgen_jsval_loose_eq_b2f214e2e4b30e36"), __wbg___wbindgen_number_get_934b640d0889af78: /* @__PURE__ */ __name(function(t, e) {
    let n = e, i = typeof n == "number" ? n : void 0;
    b().setFloat64((t >>> 0) + 8, f(i) ? 0 : i, true), b().setInt32((t >>> 0) + 0, !f(i), true);
  }, "__wbg___wbindgen_number_get_934b640d0889af78"), __wbg___wbindgen_reinit_2fe0d0b9c1cc3c21: /* @__PURE__ */ __name(function() {
    V = true;
  }, "__wbg___wbindgen_reinit_2fe0d0b9c1cc3c21"), __wbg___wbindgen_string_get_7ce8eee7fd327545: /* @__PURE__ */ __name(function(t, e) {
    let n = e, i = typeof n == "string" ? n : void 0;
    var a = f(i) ? 0 : p(i, _.__wbindgen_export2, _.__wbindgen_export3), u = g;
    b().setInt32((t >>> 0) + 4, u, true), b().setInt32((t >>> 0) + 0, a, true);
  }, "__wbg___wbindgen_string_get_7ce8eee7fd327545"), __wbg___wbindgen_throw_4c88d8bf264fd984: /* @__PURE__ */ __name(function(t, e) {
    throw new WebAssembly.Exception(H, [new Error(d(t, e))]);
  }, "__wbg___wbindgen_throw_4c88d8bf264fd984"), __wbg__wbg_cb_unref_09736879a3f67559: /* @__PURE__ */ __name(function(t) {
    t._wbg_cb_unref();
  }, "__wbg__wbg_cb_unref_09736879a3f67559"), __wbg_acceptWebSocket_29076c97ea3e9d59: /* @__PURE__ */ __name(function(t, e, n, i) {
    var a = lt(n, i);
    _.__wbindgen_export4(n, i * 4, 4), t.acceptWebSocket(e, a);
  }, "__wbg_acceptWebSocket_29076c97ea3e9d59"), __wbg_acceptWebSocket_6893ac0c64b53fb0: /* @__PURE__ */ __name(function(t, e) {
    t.acceptWebSocket(e);
  }, "__wbg_acceptWebSocket_6893ac0c64b53fb0"), __wbg_addEventListener_847fd86b8c33ec43: /* @__PURE__ */ __name(function(t, e, n, i) {
    t.addEventListener(d(e, n), i);
  }, "__wbg_addEventListener_847fd86b8c33ec43"), __wbg_add_cf82c8d153d93ae1: /* @__PURE__ */ __name(function(t, e, n) {
    t.add(d(e, n));
  }, "__wbg_add_cf82c8d153d93ae1"), __wbg_append_ba9a4dc30a0323fd: /* @__PURE__ */ __name(function(t, e, n, i, a) {
    t.append(d(e, n), d(i, a));
  }, "__wbg_append_ba9a4dc30a0323fd"), __wbg_arrayBuffer_39a766224696fd9d: /* @__PURE__ */ __name(function(t) {
    return t.arrayBuffer();
  }, "__wbg_arrayBuffer_39a766224696fd9d"), __wbg_body_0da01a9a056907d8: /* @__PURE__ */ __name(function(t) {
    let e = t.body;
    return f(e) ? 0 : l(e);
  }, "__wbg_body_0da01a9a056907d8"), __wbg_body_b86ad4fe78cc379c: /* @__PURE__ */ __name(function(t) {
    let e = t.body;
    return f(e) ? 0 : l(e);
  }, "__wbg_body_b86ad4fe78cc379c"), __wbg_buffer_aca05a93c046db1a: /* @__PURE__ */ __name(function(t) {
    return t.buffer;
  }, "__wbg_buffer_aca05a93c046db1a"), __wbg_byobRequest_18280c78e462544c: /* @__PURE__ */ __name(function(t) {
    let e = t.byobRequest;
    return f(e) ? 0 : l(e);
  }, "__wbg_byobRequest_18280c78e462544c"), __wbg_byteLength_c5f3c188d5252e5b: /* @__PURE__ */ __name(function(t) {
    return t.byteLength;
  }, "__wbg_byteLength_c5f3c188d5252e5b"), __wbg_byteOffset_63cdc7b38f33a45e: /* @__PURE__ */ __name(function(t) {
    return t.byteOffset;
  }, "__wbg_byteOffset_63cdc7b38f33a45e"), __wbg_call_a410eb4b59ed5965: /* @__PURE__ */ __name(function(t, e, n) {
    return t.call(e, n);
  }, "__wbg_call_a410eb4b59ed5965"), __wbg_cancelBubble_1164dd588f0c3481: /* @__PURE__ */ __name(function(t) {
    return t.cancelBubble;
  }, "__wbg_cancelBubble_1164dd588f0c3481"), __wbg_cancel_b195250778e9d8e7: /* @__PURE__ */ __name(function(t) {
    return t.cancel();
  }, "__wbg_cancel_b195250778e9d8e7"), __wbg_catch_fd4c7ea14fde9d83: /* @__PURE__ */ __name(function(t, e) {
    return t.catch(e);
  }, "__wbg_catch_fd4c7ea14fde9d83"), __wbg_cause_4cdda1b55a30b227: /* @__PURE__ */ __name(function(t) {
    return t.cause;
  }, "__wbg_cause_4cdda1b55a30b227"), __wbg_cf_3eef96d446a499c0: /* @__PURE__ */ __name(function(t) {
    let e = t.cf;
    return f(e) ? 0 : l(e);
  }, "__wbg_cf_3eef96d446a499c0"), __wbg_cf_e4bf1d08e9961dec: /* @__PURE__ */ __name(function(t) {
    let e = t.cf;
    return f(e) ? 0 : l(e);
  }, "__wbg_cf_e4bf1d08e9961dec"), __wbg_classList_97e966c261669b85: /* @__PURE__ */ __name(function(t) {
    return t.classList;
  }, "__wbg_classList_97e966c261669b85"), __wbg_cloneNode_36b90700fd8dbbb0: /* @__PURE__ */ __name(function(t) {
    return t.cloneNode();
  }, "__wbg_cloneNode_36b90700fd8dbbb0"), __wbg_cloneNode_70249c8beed88ee3: /* @__PURE__ */ __name(function(t, e) {
    return t.cloneNode(e !== 0);
  }, "__wbg_cloneNode_70249c8beed88ee3"), __wbg_close_294d3f727cb7a844: /* @__PURE__ */ __name(function(t) {
    t.close();
  }, "__wbg_close_294d3f727cb7a844"), __wbg_close_2a8b1ba07b9e0fee: /* @__PURE__ */ __name(function(t, e, n, i) {
    t.close(e, d(n, i));
  }, "__wbg_close_2a8b1ba07b9e0fee"), __wbg_close_bf94aa7e38b9a94b: /* @__PURE__ */ __name(function(t) {
    t.close();
  }, "__wbg_close_bf94aa7e38b9a94b"), __wbg_composedPath_99300fc960717ac7: /* @__PURE__ */ __name(function(t) {
    return t.composedPath();
  }, "__wbg_composedPath_99300fc960717ac7"), __wbg_constructor_76ad3e2c50d259de: /* @__PURE__ */ __name(function(t) {
    return t.constructor;
  }, "__wbg_constructor_76ad3e2c50d259de"), __wbg_content_6fed93ca1fd29f06: /* @__PURE__ */ __name(function(t) {
    return t.content;
  }, "__wbg_content_6fed93ca1fd29f06"), __wbg_createComment_bf8f324d5ce3d460: /* @__PURE__ */ __name(function(t, e, n) {
    return t.createComment(d(e, n));
  }, "__wbg_createComment_bf8f324d5ce3d460"), __wbg_createElement_de4a31ed2fb252be: /* @__PURE__ */ __name(function(t, e, n) {
    return t.createElement(d(e, n));
  }, "__wbg_createElement_de4a31ed2fb252be"), __wbg_createTextNode_2b48c3fc75dfcc67: /* @__PURE__ */ __name(function(t, e, n) {
    return t.createTextNode(d(e, n));
  }, "__wbg_createTextNode_2b48c3fc75dfcc67"), __wbg_debug_29e5044b8c3730bb: /* @__PURE__ */ __name(function(t) {
    console.debug(t);
  }, "__wbg_debug_29e5044b8c3730bb"), __wbg_deleteAlarm_e03d0e7e46b1af1c: /* @__PURE__ */ __name(function(t, e) {
    return t.deleteAlarm(e);
  }, "__wbg_deleteAlarm_e03d0e7e46b1af1c"), __wbg_deleteProperty_3ad7a085da623822: /* @__PURE__ */ __name(function(t, e) {
    return Reflect.deleteProperty(t, e);
  }, "__wbg_deleteProperty_3ad7a085da623822"), __wbg_deserializeAttachment_b0638e89b27e2a83: /* @__PURE__ */ __name(function(t) {
    return t.deserializeAttachment();
  }, "__wbg_deserializeAttachment_b0638e89b27e2a83"), __wbg_document_3b5c3071b43e97ee: /* @__PURE__ */ __name(function(t) {
    let e = t.document;
    return f(e) ? 0 : l(e);
  }, "__wbg_document_3b5c3071b43e97ee"), __wbg_done_57e08d0be6e30c02: /* @__PURE__ */ __name(function(t) {
    return t.done;
  }, "__wbg_done_57e08d0be6e30c02"), __wbg_enqueue_c11626eae1c54509: /* @__PURE__ */ __name(function(t, e) {
    t.enqueue(e);
  }, "__wbg_enqueue_c11626eae1c54509"), __wbg_entries_fb0b3ba27a6e0bf7: /* @__PURE__ */ __name(function(t) {
    return t.entries();
  }, "__wbg_entries_fb0b3ba27a6e0bf7"), __wbg_error_757e9472f8410341: /* @__PURE__ */ __name(function(t, e) {
    let n, i;
    try {
      n = t, i = e, console.error(d(t, e));
    } finally {
      c();
      try {
        _.__wbindgen_export4(n, i, 1);
      } catch (a) {
        s(a);
      }
    }
  }, "__wbg_error_757e9472f8410341"), __wbg_error_9b95f63d905893d2: /* @__PURE__ */ __name(function(t, e) {
    console.error(t, e);
  }, "__wbg_error_9b95f63d905893d2"), __wbg_error_d1fc0193610e0e39: /* @__PURE__ */ __name(function(t) {
    console.error(t);
  }, "__wbg_error_d1fc0193610e0e39"), __wbg_exec_85b624bc72d8a6f2: /* @__PURE__ */ __name(function(t, e, n, i) {
    return t.exec(d(e, n), ...i);
  }, "__wbg_exec_85b624bc72d8a6f2"), __wbg_fetch_58e62838507dad34: /* @__PURE__ */ __name(function(t, e) {
    return t.fetch(e);
  }, "__wbg_fetch_58e62838507dad34"), __wbg_firstChild_8ba00f6fe3423297: /* @__PURE__ */ __name(function(t) {
    let e = t.firstChild;
    return f(e) ? 0 : l(e);
  }, "__wbg_firstChild_8ba00f6fe3423297"), __wbg_firstElementChild_a60f6eaf7d453487: /* @__PURE__ */ __name(function(t) {
    let e = t.firstElementChild;
    return f(e) ? 0 : l(e);
  }, "__wbg_firstElementChild_a60f6eaf7d453487"), __wbg_getRandomValues_5d8c030b527203a6: /* @__PURE__ */ __name(function(t, e) {
    globalThis.crypto.getRandomValues($(t, e));
  }, "__wbg_getRandomValues_5d8c030b527203a6"), __wbg_getReader_3b3096cf504fce5e: /* @__PURE__ */ __name(function(t) {
    return t.getReader();
  }, "__wbg_getReader_3b3096cf504fce5e"), __wbg_getTime_edc91481cbc4cd78: /* @__PURE__ */ __name(function(t) {
    return t.getTime();
  }, "__wbg_getTime_edc91481cbc4cd78"), __wbg_getWebSockets_4b8ae63907f9ad57: /* @__PURE__ */ __name(function(t, e, n, i) {
    let a = e.getWebSockets(d(n, i)), u = G(a, _.__wbindgen_export2), w = g;
    b().setInt32((t >>> 0) + 4, w, true), b().setInt32((t >>> 0) + 0, u, true);
  }, "__wbg_getWebSockets_4b8ae63907f9ad57"), __wbg_getWebSockets_557696c97fc4ec99: /* @__PURE__ */ __name(function(t, e) {
    let n = e.getWebSockets(), i = G(n, _.__wbindgen_export2), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_getWebSockets_557696c97fc4ec99"), __wbg_get_0ae635d02d232017: /* @__PURE__ */ __name(function(t, e) {
    let n = Reflect.get(t, e);
    return f(n) ? 0 : l(n);
  }, "__wbg_get_0ae635d02d232017"), __wbg_get_2080c49015e35254: /* @__PURE__ */ __name(function(t, e) {
    return Reflect.get(t, e);
  }, "__wbg_get_2080c49015e35254"), __wbg_get_4d87e704eb410caa: /* @__PURE__ */ __name(function(t, e) {
    return t.get(e);
  }, "__wbg_get_4d87e704eb410caa"), __wbg_get_556f1c9a5c587e8c: /* @__PURE__ */ __name(function(t, e, n, i) {
    let a = e.get(d(n, i));
    var u = f(a) ? 0 : p(a, _.__wbindgen_export2, _.__wbindgen_export3), w = g;
    b().setInt32((t >>> 0) + 4, w, true), b().setInt32((t >>> 0) + 0, u, true);
  }, "__wbg_get_556f1c9a5c587e8c"), __wbg_get_bb8b6b35041e00c9: /* @__PURE__ */ __name(function(t, e) {
    return Reflect.get(t, e >>> 0);
  }, "__wbg_get_bb8b6b35041e00c9"), __wbg_get_d7176cfb76d71114: /* @__PURE__ */ __name(function(t, e) {
    return t[e >>> 0];
  }, "__wbg_get_d7176cfb76d71114"), __wbg_get_done_3bf2b4a34e149301: /* @__PURE__ */ __name(function(t) {
    let e = t.done;
    return f(e) ? 16777215 : e ? 1 : 0;
  }, "__wbg_get_done_3bf2b4a34e149301"), __wbg_get_unchecked_e6325ad374eff861: /* @__PURE__ */ __name(function(t, e) {
    return t[e >>> 0];
  }, "__wbg_get_unchecked_e6325ad374eff861"), __wbg_get_value_9454480da7066d61: /* @__PURE__ */ __name(function(t) {
    return t.value;
  }, "__wbg_get_value_9454480da7066d61"), __wbg_get_with_ref_key_fc601247060b7204: /* @__PURE__ */ __name(function(t, e) {
    return t[e];
  }, "__wbg_get_with_ref_key_fc601247060b7204"), __wbg_head_931aef85344cb8de: /* @__PURE__ */ __name(function(t) {
    let e = t.head;
    return f(e) ? 0 : l(e);
  }, "__wbg_head_931aef85344cb8de"), __wbg_headers_5fc0106c076eb731: /* @__PURE__ */ __name(function(t) {
    return t.headers;
  }, "__wbg_headers_5fc0106c076eb731"), __wbg_headers_9ef80dd266706f48: /* @__PURE__ */ __name(function(t) {
    return t.headers;
  }, "__wbg_headers_9ef80dd266706f48"), __wbg_host_64d73c152c626ec8: /* @__PURE__ */ __name(function(t) {
    return t.host;
  }, "__wbg_host_64d73c152c626ec8"), __wbg_httpProtocol_6011257fd0ac239e: /* @__PURE__ */ __name(function(t, e) {
    let n = e.httpProtocol, i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_httpProtocol_6011257fd0ac239e"), __wbg_idFromName_8e1943d73c953e77: /* @__PURE__ */ __name(function(t, e, n) {
    return t.idFromName(d(e, n));
  }, "__wbg_idFromName_8e1943d73c953e77"), __wbg_insertBefore_10ab0c19b463c12b: /* @__PURE__ */ __name(function(t, e, n) {
    return t.insertBefore(e, n);
  }, "__wbg_insertBefore_10ab0c19b463c12b"), __wbg_instanceId_65a51bedfd10160a: /* @__PURE__ */ __name(function(t) {
    return t.instanceId;
  }, "__wbg_instanceId_65a51bedfd10160a"), __wbg_instanceof_ArrayBuffer_12cdaa4161423e6b: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof ArrayBuffer;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_ArrayBuffer_12cdaa4161423e6b"), __wbg_instanceof_Element_05dbb22ded594343: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Element;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Element_05dbb22ded594343"), __wbg_instanceof_Error_74e3cca0c4a69161: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Error;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Error_74e3cca0c4a69161"), __wbg_instanceof_ReadableStream_ac28304925ec0f96: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof ReadableStream;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_ReadableStream_ac28304925ec0f96"), __wbg_instanceof_Response_5b0b4f7f1daeae51: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Response;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Response_5b0b4f7f1daeae51"), __wbg_instanceof_ShadowRoot_cd78159e03fed884: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof ShadowRoot;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_ShadowRoot_cd78159e03fed884"), __wbg_instanceof_Uint8Array_d7aeb0dcb3108fea: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Uint8Array;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Uint8Array_d7aeb0dcb3108fea"), __wbg_instanceof_Window_5cf453f5639aa1a2: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Window;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Window_5cf453f5639aa1a2"), __wbg_isSafeInteger_1a35ba4d31e71d38: /* @__PURE__ */ __name(function(t) {
    return Number.isSafeInteger(t);
  }, "__wbg_isSafeInteger_1a35ba4d31e71d38"), __wbg_keys_296846770c088f87: /* @__PURE__ */ __name(function(t) {
    return t.keys();
  }, "__wbg_keys_296846770c088f87"), __wbg_length_186163212ffe79c3: /* @__PURE__ */ __name(function(t) {
    return t.length;
  }, "__wbg_length_186163212ffe79c3"), __wbg_length_b03a0fabb109b1e9: /* @__PURE__ */ __name(function(t) {
    return t.length;
  }, "__wbg_length_b03a0fabb109b1e9"), __wbg_message_43d8c8f1d543a349: /* @__PURE__ */ __name(function(t) {
    return t.message;
  }, "__wbg_message_43d8c8f1d543a349"), __wbg_method_3d406ebab4dd9853: /* @__PURE__ */ __name(function(t, e) {
    let n = e.method, i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_method_3d406ebab4dd9853"), __wbg_minifyconfig_new: /* @__PURE__ */ __name(function(t) {
    return E.__wrap(t);
  }, "__wbg_minifyconfig_new"), __wbg_name_d1fa514fdca6a975: /* @__PURE__ */ __name(function(t) {
    return t.name;
  }, "__wbg_name_d1fa514fdca6a975"), __wbg_name_fd11f69c917c5670: /* @__PURE__ */ __name(function(t) {
    return t.name;
  }, "__wbg_name_fd11f69c917c5670"), __wbg_new_0_36d738a0c8cfac43: /* @__PURE__ */ __name(function() {
    return /* @__PURE__ */ new Date();
  }, "__wbg_new_0_36d738a0c8cfac43"), __wbg_new_13de428334042d26: /* @__PURE__ */ __name(function(t) {
    return new Uint8Array(t);
  }, "__wbg_new_13de428334042d26"), __wbg_new_277c27c26f94cbc2: /* @__PURE__ */ __name(function() {
    return new Headers();
  }, "__wbg_new_277c27c26f94cbc2"), __wbg_new_37eb45aaf5eeb820: /* @__PURE__ */ __name(function() {
    return new Array();
  }, "__wbg_new_37eb45aaf5eeb820"), __wbg_new_3e95cd7386bb9a6c: /* @__PURE__ */ __name(function(t) {
    return new Date(t);
  }, "__wbg_new_3e95cd7386bb9a6c"), __wbg_new_7075786089b89c5e: /* @__PURE__ */ __name(function() {
    return /* @__PURE__ */ new Map();
  }, "__wbg_new_7075786089b89c5e"), __wbg_new_787b9fb330d55d78: /* @__PURE__ */ __name(function(t, e) {
    return new Error(d(t, e));
  }, "__wbg_new_787b9fb330d55d78"), __wbg_new_bb74001155cb8ca8: /* @__PURE__ */ __name(function() {
    return new Error();
  }, "__wbg_new_bb74001155cb8ca8"), __wbg_new_cd4348290afae586: /* @__PURE__ */ __name(function() {
    return new Object();
  }, "__wbg_new_cd4348290afae586"), __wbg_new_e119023fca43b021: /* @__PURE__ */ __name(function() {
    return new WebSocketPair();
  }, "__wbg_new_e119023fca43b021"), __wbg_new_typed_e09da9dae6ee5935: /* @__PURE__ */ __name(function(t, e) {
    try {
      var n = { a: t, b: e }, i = /* @__PURE__ */ __name((u, w) => {
        let h = n.a;
        n.a = 0;
        try {
          return vt(h, n.b, u, w);
        } finally {
          n.a = h;
        }
      }, "i");
      return new Promise(i);
    } finally {
      n.a = 0;
    }
  }, "__wbg_new_typed_e09da9dae6ee5935"), __wbg_new_with_byte_offset_and_length_3cd32055a417f095: /* @__PURE__ */ __name(function(t, e, n) {
    return new Uint8Array(t, e >>> 0, n >>> 0);
  }, "__wbg_new_with_byte_offset_and_length_3cd32055a417f095"), __wbg_new_with_into_underlying_source_ba3944e7f4c9d0c3: /* @__PURE__ */ __name(function(t, e) {
    return new ReadableStream(L.__wrap(t), e);
  }, "__wbg_new_with_into_underlying_source_ba3944e7f4c9d0c3"), __wbg_new_with_length_01b143a7e5dd5a3e: /* @__PURE__ */ __name(function(t) {
    return new Uint8Array(t >>> 0);
  }, "__wbg_new_with_length_01b143a7e5dd5a3e"), __wbg_new_with_opt_buffer_source_and_init_efb63b64b37a12c7: /* @__PURE__ */ __name(function(t, e) {
    return new Response(t, e);
  }, "__wbg_new_with_opt_buffer_source_and_init_efb63b64b37a12c7"), __wbg_new_with_opt_readable_stream_and_init_383c64eccf9e9cc7: /* @__PURE__ */ __name(function(t, e) {
    return new Response(t, e);
  }, "__wbg_new_with_opt_readable_stream_and_init_383c64eccf9e9cc7"), __wbg_new_with_opt_str_and_init_6456bed24baae6fc: /* @__PURE__ */ __name(function(t, e, n) {
    return new Response(t === 0 ? void 0 : d(t, e), n);
  }, "__wbg_new_with_opt_str_and_init_6456bed24baae6fc"), __wbg_new_with_str_and_init_d9f6b5611184e16b: /* @__PURE__ */ __name(function(t, e, n) {
    return new Request(d(t, e), n);
  }, "__wbg_new_with_str_and_init_d9f6b5611184e16b"), __wbg_nextSibling_91136dc7a8ec9b09: /* @__PURE__ */ __name(function(t) {
    let e = t.nextSibling;
    return f(e) ? 0 : l(e);
  }, "__wbg_nextSibling_91136dc7a8ec9b09"), __wbg_next_af5ac6a08bb0a717: /* @__PURE__ */ __name(function(t) {
    return t.next();
  }, "__wbg_next_af5ac6a08bb0a717"), __wbg_nodeType_5c5050c6571c3463: /* @__PURE__ */ __name(function(t) {
    return t.nodeType;
  }, "__wbg_nodeType_5c5050c6571c3463"), __wbg_now_0b06fce83aef79d7: /* @__PURE__ */ __name(function() {
    return Date.now();
  }, "__wbg_now_0b06fce83aef79d7"), __wbg_one_a7783206353fbf18: /* @__PURE__ */ __name(function(t) {
    return t.one();
  }, "__wbg_one_a7783206353fbf18"), __wbg_parentNode_fe15bcc26df42856: /* @__PURE__ */ __name(function(t) {
    let e = t.parentNode;
    return f(e) ? 0 : l(e);
  }, "__wbg_parentNode_fe15bcc26df42856"), __wbg_prototypesetcall_13162965d1fe7aa3: /* @__PURE__ */ __name(function(t, e, n) {
    Uint8Array.prototype.set.call($(t, e), n);
  }, "__wbg_prototypesetcall_13162965d1fe7aa3"), __wbg_push_c9f4893fc209f768: /* @__PURE__ */ __name(function(t, e) {
    return t.push(e);
  }, "__wbg_push_c9f4893fc209f768"), __wbg_queueMicrotask_1e8503a8a690f0a3: /* @__PURE__ */ __name(function(t) {
    return t.queueMicrotask;
  }, "__wbg_queueMicrotask_1e8503a8a690f0a3"), __wbg_queueMicrotask_4a1a4d8dd332373b: /* @__PURE__ */ __name(function(t) {
    queueMicrotask(t);
  }, "__wbg_queueMicrotask_4a1a4d8dd332373b"), __wbg_random_df36b90cd78a7d54: /* @__PURE__ */ __name(function() {
    return Math.random();
  }, "__wbg_random_df36b90cd78a7d54"), __wbg_read_e3bea75dace70752: /* @__PURE__ */ __name(function(t) {
    return t.read();
  }, "__wbg_read_e3bea75dace70752"), __wbg_readable_11d72b62fcfdd1ec: /* @__PURE__ */ __name(function(t) {
    return t.readable;
  }, "__wbg_readable_11d72b62fcfdd1ec"), __wbg_redirect_9e29dd9d33881cfd: /* @__PURE__ */ __name(function(t) {
    let e = t.redirect;
    return (et.indexOf(e) + 1 || 4) - 1;
  }, "__wbg_redirect_9e29dd9d33881cfd"), __wbg_releaseLock_eddf1401c763f0b9: /* @__PURE__ */ __name(function(t) {
    t.releaseLock();
  }, "__wbg_releaseLock_eddf1401c763f0b9"), __wbg_removeAttribute_735f25a801a701e1: /* @__PURE__ */ __name(function(t, e, n) {
    t.removeAttribute(d(e, n));
  }, "__wbg_removeAttribute_735f25a801a701e1"), __wbg_removeEventListener_4e20bd5fac3de092: /* @__PURE__ */ __name(function(t, e, n, i) {
    t.removeEventListener(d(e, n), i);
  }, "__wbg_removeEventListener_4e20bd5fac3de092"), __wbg_remove_12e9b1deffec7d2f: /* @__PURE__ */ __name(function(t, e, n) {
    t.remove(d(e, n));
  }, "__wbg_remove_12e9b1deffec7d2f"), __wbg_remove_8228e91d7ddbc755: /* @__PURE__ */ __name(function(t) {
    t.remove();
  }, "__wbg_remove_8228e91d7ddbc755"), __wbg_remove_b28d816f9e896ff9: /* @__PURE__ */ __name(function(t) {
    t.remove();
  }, "__wbg_remove_b28d816f9e896ff9"), __wbg_resolve_dbf78ab4942478b0: /* @__PURE__ */ __name(function(t) {
    return Promise.resolve(t);
  }, "__wbg_resolve_dbf78ab4942478b0"), __wbg_respond_d97c023ee981d1f5: /* @__PURE__ */ __name(function(t, e) {
    t.respond(e >>> 0);
  }, "__wbg_respond_d97c023ee981d1f5"), __wbg_rowsWritten_2129801eecbccc98: /* @__PURE__ */ __name(function(t) {
    return t.rowsWritten;
  }, "__wbg_rowsWritten_2129801eecbccc98"), __wbg_send_cd51063ca1be4d0f: /* @__PURE__ */ __name(function(t, e, n) {
    t.send(d(e, n));
  }, "__wbg_send_cd51063ca1be4d0f"), __wbg_serializeAttachment_b3838d362dd24b64: /* @__PURE__ */ __name(function(t, e) {
    t.serializeAttachment(e);
  }, "__wbg_serializeAttachment_b3838d362dd24b64"), __wbg_setAlarm_039d09296f34bacd: /* @__PURE__ */ __name(function(t, e, n) {
    return t.setAlarm(e, n);
  }, "__wbg_setAlarm_039d09296f34bacd"), __wbg_setAttribute_f75317b2b5cabfb4: /* @__PURE__ */ __name(function(t, e, n, i, a) {
    t.setAttribute(d(e, n), d(i, a));
  }, "__wbg_setAttribute_f75317b2b5cabfb4"), __wbg_set_2793479888329cb6: /* @__PURE__ */ __name(function(t, e, n) {
    return Reflect.set(t, e, n);
  }, "__wbg_set_2793479888329cb6"), __wbg_set_8282f7e0d2d01336: /* @__PURE__ */ __name(function(t, e, n) {
    return t.set(e, n);
  }, "__wbg_set_8282f7e0d2d01336"), __wbg_set_bcb0ec2400cfa22e: /* @__PURE__ */ __name(function(t, e, n, i, a) {
    t.set(d(e, n), d(i, a));
  }, "__wbg_set_bcb0ec2400cfa22e"), __wbg_set_body_877d5251e78ca815: /* @__PURE__ */ __name(function(t, e) {
    t.body = e;
  }, "__wbg_set_body_877d5251e78ca815"), __wbg_set_cache_7a23201e29cbd632: /* @__PURE__ */ __name(function(t, e) {
    t.cache = It[e];
  }, "__wbg_set_cache_7a23201e29cbd632"), __wbg_set_criticalError_c30445da7038dbf2: /* @__PURE__ */ __name(function(t, e) {
    t.criticalError = e !== 0;
  }, "__wbg_set_criticalError_c30445da7038dbf2"), __wbg_set_e4b9a833d288759a: /* @__PURE__ */ __name(function(t, e, n) {
    t[e] = n;
  }, "__wbg_set_e4b9a833d288759a"), __wbg_set_feb3714f475485ba: /* @__PURE__ */ __name(function(t, e, n) {
    t.set($(e, n));
  }, "__wbg_set_feb3714f475485ba"), __wbg_set_headers_07f10dbe49bc0e77: /* @__PURE__ */ __name(function(t, e) {
    t.headers = e;
  }, "__wbg_set_headers_07f10dbe49bc0e77"), __wbg_set_headers_6d75a7df4eb22716: /* @__PURE__ */ __name(function(t, e) {
    t.headers = e;
  }, "__wbg_set_headers_6d75a7df4eb22716"), __wbg_set_high_water_mark_2c2355a75a627679: /* @__PURE__ */ __name(function(t, e) {
    t.highWaterMark = e;
  }, "__wbg_set_high_water_mark_2c2355a75a627679"), __wbg_set_innerHTML_a9d3a267967b5117: /* @__PURE__ */ __name(function(t, e, n) {
    t.innerHTML = d(e, n);
  }, "__wbg_set_innerHTML_a9d3a267967b5117"), __wbg_set_instanceId_6f5f77d81e249b49: /* @__PURE__ */ __name(function(t, e) {
    t.instanceId = e >>> 0;
  }, "__wbg_set_instanceId_6f5f77d81e249b49"), __wbg_set_method_639e69af35614d36: /* @__PURE__ */ __name(function(t, e, n) {
    t.method = d(e, n);
  }, "__wbg_set_method_639e69af35614d36"), __wbg_set_nodeValue_7e9217115013d873: /* @__PURE__ */ __name(function(t, e, n) {
    t.nodeValue = e === 0 ? void 0 : d(e, n);
  }, "__wbg_set_nodeValue_7e9217115013d873"), __wbg_set_redirect_a95a432ab7d10765: /* @__PURE__ */ __name(function(t, e) {
    t.redirect = et[e];
  }, "__wbg_set_redirect_a95a432ab7d10765"), __wbg_set_signal_0b2eee78907e5ba7: /* @__PURE__ */ __name(function(t, e) {
    t.signal = e;
  }, "__wbg_set_signal_0b2eee78907e5ba7"), __wbg_set_status_bd9dc81d1c17b108: /* @__PURE__ */ __name(function(t, e) {
    t.status = e;
  }, "__wbg_set_status_bd9dc81d1c17b108"), __wbg_signal_b2980930b83811aa: /* @__PURE__ */ __name(function(t) {
    return t.signal;
  }, "__wbg_signal_b2980930b83811aa"), __wbg_sql_cabda3440c70072f: /* @__PURE__ */ __name(function(t) {
    return t.sql;
  }, "__wbg_sql_cabda3440c70072f"), __wbg_stack_575c4e0918581b9c: /* @__PURE__ */ __name(function(t, e) {
    let n = e.stack, i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_stack_575c4e0918581b9c"), __wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc: /* @__PURE__ */ __name(function() {
    let t = typeof globalThis > "u" ? void 0 : globalThis;
    return f(t) ? 0 : l(t);
  }, "__wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc"), __wbg_static_accessor_GLOBAL_e4293fb22cbe77da: /* @__PURE__ */ __name(function() {
    let t = typeof global > "u" ? void 0 : global;
    return f(t) ? 0 : l(t);
  }, "__wbg_static_accessor_GLOBAL_e4293fb22cbe77da"), __wbg_static_accessor_INIT_STATE_b2269150d11f01e0: /* @__PURE__ */ __name(function() {
    return tt;
  }, "__wbg_static_accessor_INIT_STATE_b2269150d11f01e0"), __wbg_static_accessor_SELF_53bb20457401453d: /* @__PURE__ */ __name(function() {
    let t = typeof self > "u" ? void 0 : self;
    return f(t) ? 0 : l(t);
  }, "__wbg_static_accessor_SELF_53bb20457401453d"), __wbg_static_accessor_WINDOW_b5e0810bfecb7feb: /* @__PURE__ */ __name(function() {
    let t = typeof window > "u" ? void 0 : window;
    return f(t) ? 0 : l(t);
  }, "__wbg_static_accessor_WINDOW_b5e0810bfecb7feb"), __wbg_status_cb85b6c8d1769fa1: /* @__PURE__ */ __name(function(t) {
    return t.status;
  }, "__wbg_status_cb85b6c8d1769fa1"), __wbg_storage_00d86055b2dc3100: /* @__PURE__ */ __name(function(t) {
    return t.storage;
  }, "__wbg_storage_00d86055b2dc3100"), __wbg_target_e5cd9c7aa87dd8df: /* @__PURE__ */ __name(function(t) {
    let e = t.target;
    return f(e) ? 0 : l(e);
  }, "__wbg_target_e5cd9c7aa87dd8df"), __wbg_textContent_240d7f8264a6246e: /* @__PURE__ */ __name(function(t, e) {
    let n = e.textContent;
    var i = f(n) ? 0 : p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_textContent_240d7f8264a6246e"), __wbg_then_656f253a5dd7d8ea: /* @__PURE__ */ __name(function(t, e, n) {
    return t.then(e, n);
  }, "__wbg_then_656f253a5dd7d8ea"), __wbg_then_e3f7f2d365708be8: /* @__PURE__ */ __name(function(t, e) {
    return t.then(e);
  }, "__wbg_then_e3f7f2d365708be8"), __wbg_toArray_2757e80d5ccf01a6: /* @__PURE__ */ __name(function(t) {
    return t.toArray();
  }, "__wbg_toArray_2757e80d5ccf01a6"), __wbg_url_1be993c7b186415b: /* @__PURE__ */ __name(function(t, e) {
    let n = e.url, i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_url_1be993c7b186415b"), __wbg_value_df0a0e29a4d182fe: /* @__PURE__ */ __name(function(t, e) {
    let n = e.value, i = p(n, _.__wbindgen_export2, _.__wbindgen_export3), a = g;
    b().setInt32((t >>> 0) + 4, a, true), b().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_value_df0a0e29a4d182fe"), __wbg_value_e0f328965e184931: /* @__PURE__ */ __name(function(t) {
    return t.value;
  }, "__wbg_value_e0f328965e184931"), __wbg_view_3b708d3bdaf3fc96: /* @__PURE__ */ __name(function(t) {
    let e = t.view;
    return f(e) ? 0 : l(e);
  }, "__wbg_view_3b708d3bdaf3fc96"), __wbg_waitUntil_fdcf8bf2aef09039: /* @__PURE__ */ __name(function(t, e) {
    t.waitUntil(e);
  }, "__wbg_waitUntil_fdcf8bf2aef09039"), __wbg_webSocket_71791e807603b1e4: /* @__PURE__ */ __name(function(t) {
    let e = t.webSocket;
    return f(e) ? 0 : l(e);
  }, "__wbg_webSocket_71791e807603b1e4"), __wbg_writable_1924ab50750acb0f: /* @__PURE__ */ __name(function(t) {
    return t.writable;
  }, "__wbg_writable_1924ab50750acb0f"), __wbindgen_generic_0000000000000001: /* @__PURE__ */ __name(function(t, e) {
    return N(t, e, yt);
  }, "__wbindgen_generic_0000000000000001"), __wbindgen_generic_0000000000000002: /* @__PURE__ */ __name(function(t, e) {
    return N(t, e, xt);
  }, "__wbindgen_generic_0000000000000002"), __wbindgen_generic_0000000000000003: /* @__PURE__ */ __name(function(t, e) {
    return N(t, e, mt);
  }, "__wbindgen_generic_0000000000000003"), __wbindgen_generic_0000000000000004: /* @__PURE__ */ __name(function(t, e) {
    return N(t, e, pt);
  }, "__wbindgen_generic_0000000000000004"), __wbindgen_generic_0000000000000005: /* @__PURE__ */ __name(function(t) {
    return t;
  }, "__wbindgen_generic_0000000000000005"), __wbindgen_generic_0000000000000006: /* @__PURE__ */ __name(function(t) {
    return t;
  }, "__wbindgen_generic_0000000000000006"), __wbindgen_generic_0000000000000007: /* @__PURE__ */ __name(function(t, e) {
    return d(t, e);
  }, "__wbindgen_generic_0000000000000007"), __wbindgen_generic_0000000000000008: /* @__PURE__ */ __name(function(t) {
    return BigInt.asUintN(64, t);
  }, "__wbindgen_generic_0000000000000008"), __wbindgen_init_externref_table: /* @__PURE__ */ __name(function() {
    let t = _.__wbindgen_externrefs;
    t.set(0, void 0), t.set(1024, void 0), t.set(1025, null), t.set(1026, true), t.set(1027, false);
  }, "__wbindgen_init_externref_table"), __wbindgen_jstag: WebAssembly.JSTag, __wbindgen_rethrow_critical: /* @__PURE__ */ __name(function(t) {
    throw new Error("Critical error", { cause: t });
  }, "__wbindgen_rethrow_critical") } };
}
__name(ut, "ut");
var H = new WebAssembly.Tag({ parameters: ["externref"] });
var J;
var Q = false;
function dt() {
  Q = true;
  try {
    let r3 = X()[_.__abort_handler.value / 4];
    r3 && _.__wbindgen_export.get(r3)();
  } catch {
  }
}
__name(dt, "dt");
function s(r3) {
  throw r3 instanceof WebAssembly.Exception && r3.is(H) ? r3.getArg(H, 0) : (X()[J] = 1, dt(), r3);
}
__name(s, "s");
function c() {
  if (J ??= _.__instance_terminated.value / 4, X()[J]) {
    if (Q || dt(), V) {
      D();
      return;
    }
    throw new Error("Module terminated");
  } else V && D();
}
__name(c, "c");
function pt(r3, t) {
  c();
  try {
    _.__wasm_bindgen_func_elem_8955(r3, t);
  } catch (e) {
    s(e);
  }
}
__name(pt, "pt");
function yt(r3, t, e) {
  c();
  try {
    _.__wasm_bindgen_func_elem_8956(r3, t, e);
  } catch (n) {
    s(n);
  }
}
__name(yt, "yt");
function mt(r3, t, e) {
  c();
  try {
    _.__wasm_bindgen_func_elem_8956_65(r3, t, e);
  } catch (n) {
    s(n);
  }
}
__name(mt, "mt");
function vt(r3, t, e, n) {
  c();
  try {
    _.__wasm_bindgen_func_elem_7497(r3, t, e, n);
  } catch (i) {
    s(i);
  }
}
__name(vt, "vt");
function xt(r3, t, e) {
  try {
    let a = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    c();
    try {
      _.__wasm_bindgen_func_elem_7448(a, r3, t, e);
    } catch (u) {
      s(u);
    }
    var n = b().getInt32(a + 0, true), i = b().getInt32(a + 4, true);
    if (i) throw At(n);
  } finally {
    _.__wbindgen_add_to_stack_pointer(16);
  }
}
__name(xt, "xt");
var wt = ["bytes"];
var It = ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"];
var et = ["follow", "error", "manual"];
var o = 0;
var nt = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_agentcoordinator_free(r3, 1);
});
var rt = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_agentstate_free(r3, 1);
});
var Et = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_containerstartupoptions_free(r3, 1);
});
var St = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_intounderlyingbytesource_free(r3, 1);
});
var kt = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_intounderlyingbytesource2_free(r3, 1);
});
var Wt = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_intounderlyingsink_free(r3, 1);
});
var jt = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_intounderlyingsink2_free(r3, 1);
});
var Rt = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_intounderlyingsource_free(r3, 1);
});
var _t = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_intounderlyingsource2_free(r3, 1);
});
var it = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_minifyconfig_free(r3, 1);
});
var Ft = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_r2range_free(r3, 1);
});
var ot = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: r3, instance: t }) => {
  t === o && _.__wbg_resourcelock_free(r3, 1);
});
function l(r3) {
  let t = _.__wbindgen_export6();
  return _.__wbindgen_externrefs.set(t, r3), t;
}
__name(l, "l");
var st = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry((r3) => {
  r3.instance === o && _.__wbindgen_export7(r3.a, r3.b);
});
function gt(r3) {
  switch (typeof r3) {
    case "number":
    case "boolean":
    case "undefined":
      return `${r3}`;
    case "string":
      return JSON.stringify(r3);
    case "bigint":
      return `${r3}n`;
    case "symbol":
      return r3.description !== void 0 ? `Symbol(${r3.description})` : "Symbol";
    case "function":
      return typeof r3.name == "string" && r3.name !== "" ? `Function(${r3.name})` : "Function";
    case "object": {
      if (r3 === null) return "null";
      if (Array.isArray(r3)) return "[" + Array.from(r3, gt).join(", ") + "]";
      if (r3 instanceof Error) return `${r3.name}: ${r3.message}
${r3.stack}`;
      let t = toString.call(r3), e = /\[object ([^\]]+)\]/.exec(t)?.[1];
      if (e === void 0) return t;
      if (e === "Object") try {
        return "Object(" + JSON.stringify(r3) + ")";
      } catch {
        return "Object";
      }
      return e;
    }
  }
}
__name(gt, "gt");
function lt(r3, t) {
  r3 = r3 >>> 0;
  let e = b(), n = [];
  for (let i = r3; i < r3 + 4 * t; i += 4) n.push(_.__wbindgen_externrefs.get(e.getUint32(i, true)));
  return _.__wbindgen_export5(r3, t), n;
}
__name(lt, "lt");
function $(r3, t) {
  return r3 = r3 >>> 0, T().subarray(r3 / 1, r3 / 1 + t);
}
__name($, "$");
var I = null;
function b() {
  return (I === null || I.buffer.detached === true || I.buffer.detached === void 0 && I.buffer !== _.memory.buffer) && (I = new DataView(_.memory.buffer)), I;
}
__name(b, "b");
var C = null;
function X() {
  return (C === null || C.byteLength === 0) && (C = new Int32Array(_.memory.buffer)), C;
}
__name(X, "X");
function d(r3, t) {
  return r3 = r3 >>> 0, zt(T().subarray(r3, r3 + t));
}
__name(d, "d");
var O = null;
function T() {
  return (O === null || O.byteLength === 0) && (O = new Uint8Array(_.memory.buffer)), O;
}
__name(T, "T");
function f(r3) {
  return r3 == null;
}
__name(f, "f");
function N(r3, t, e) {
  let n = { a: r3, b: t, cnt: 1, instance: o }, i = /* @__PURE__ */ __name((...a) => {
    if (n.instance !== o) throw new Error("Cannot invoke closure from previous WASM instance");
    n.cnt++;
    let u = n.a;
    n.a = 0;
    try {
      return e(u, n.b, ...a);
    } finally {
      n.a = u, i._wbg_cb_unref();
    }
  }, "i");
  return i._wbg_cb_unref = () => {
    --n.cnt === 0 && (_.__wbindgen_export7(n.a, n.b), n.a = 0, st.unregister(n));
  }, st.register(i, n, n), i;
}
__name(N, "N");
function G(r3, t) {
  let e = t(r3.length * 4, 4) >>> 0;
  for (let n = 0; n < r3.length; n++) {
    let i = l(r3[n]);
    b().setUint32(e + 4 * n, i, true);
  }
  return g = r3.length, e;
}
__name(G, "G");
function p(r3, t, e) {
  if (e === void 0) {
    let w = M.encode(r3), h = t(w.length, 1) >>> 0;
    return T().subarray(h, h + w.length).set(w), g = w.length, h;
  }
  let n = r3.length, i = t(n, 1) >>> 0, a = T(), u = 0;
  for (; u < n; u++) {
    let w = r3.charCodeAt(u);
    if (w > 127) break;
    a[i + u] = w;
  }
  if (u !== n) {
    u !== 0 && (r3 = r3.slice(u)), i = e(i, n, n = u + r3.length * 3, 1) >>> 0;
    let w = T().subarray(i + u, i + n), h = M.encodeInto(r3, w);
    u += h.written, i = e(i, n, u, 1) >>> 0;
  }
  return g = u, i;
}
__name(p, "p");
var V = false;
function At(r3) {
  let t = _.__wbindgen_externrefs.get(r3);
  return _.__wbindgen_export8(r3), t;
}
__name(At, "At");
var ht = new TextDecoder("utf-8", { ignoreBOM: true });
ht.decode();
function zt(r3) {
  return ht.decode(r3);
}
__name(zt, "zt");
var M = new TextEncoder();
"encodeInto" in M || (M.encodeInto = function(r3, t) {
  let e = M.encode(r3);
  return t.set(e), { read: r3.length, written: e.length };
});
var g = 0;
var K = new WebAssembly.Instance(ct, ut());
var _ = K.exports;
_.__wbindgen_start();
Error.stackTraceLimit = 100;
var x = at();
function Y() {
  x.criticalError && (console.log("Reinitializing Wasm application"), D(), x.criticalError = false, x.instanceId++);
}
__name(Y, "Y");
addEventListener("error", (r3) => {
  Z(r3.error);
});
function Z(r3) {
  r3 instanceof WebAssembly.RuntimeError && (console.error("Critical", r3), x.criticalError = true);
}
__name(Z, "Z");
var U = class extends Ct {
  static {
    __name(this, "U");
  }
};
U.prototype.fetch = function(t) {
  return bt.call(this, t, this.env, this.ctx);
};
U.prototype.start = ft;
var Ot = { set: /* @__PURE__ */ __name((r3, t, e, n) => Reflect.set(r3.instance, t, e, n), "set"), has: /* @__PURE__ */ __name((r3, t) => Reflect.has(r3.instance, t), "has"), deleteProperty: /* @__PURE__ */ __name((r3, t) => Reflect.deleteProperty(r3.instance, t), "deleteProperty"), apply: /* @__PURE__ */ __name((r3, t, e) => Reflect.apply(r3.instance, t, e), "apply"), construct: /* @__PURE__ */ __name((r3, t, e) => Reflect.construct(r3.instance, t, e), "construct"), getPrototypeOf: /* @__PURE__ */ __name((r3) => Reflect.getPrototypeOf(r3.instance), "getPrototypeOf"), setPrototypeOf: /* @__PURE__ */ __name((r3, t) => Reflect.setPrototypeOf(r3.instance, t), "setPrototypeOf"), isExtensible: /* @__PURE__ */ __name((r3) => Reflect.isExtensible(r3.instance), "isExtensible"), preventExtensions: /* @__PURE__ */ __name((r3) => Reflect.preventExtensions(r3.instance), "preventExtensions"), getOwnPropertyDescriptor: /* @__PURE__ */ __name((r3, t) => Reflect.getOwnPropertyDescriptor(r3.instance, t), "getOwnPropertyDescriptor"), defineProperty: /* @__PURE__ */ __name((r3, t, e) => Reflect.defineProperty(r3.instance, t, e), "defineProperty"), ownKeys: /* @__PURE__ */ __name((r3) => Reflect.ownKeys(r3.instance), "ownKeys") };
var m = { construct(r3, t, e) {
  try {
    Y();
    let n = { instance: Reflect.construct(r3, t, e), instanceId: x.instanceId, ctor: r3, args: t, newTarget: e };
    return new Proxy(n, { ...Ot, get(i, a, u) {
      i.instanceId !== x.instanceId && (i.instance = Reflect.construct(i.ctor, i.args, i.newTarget), i.instanceId = x.instanceId);
      let w = Reflect.get(i.instance, a, u);
      return typeof w != "function" ? w : w.constructor === Function ? new Proxy(w, { apply(h, y, v) {
        Y();
        try {
          return h.apply(y, v);
        } catch (P) {
          throw Z(P), P;
        }
      } }) : new Proxy(w, { async apply(h, y, v) {
        Y();
        try {
          return await h.apply(y, v);
        } catch (P) {
          throw Z(P), P;
        }
      } });
    } });
  } catch (n) {
    throw x.criticalError = true, n;
  }
} };
var Nt = new Proxy(U, m);
var Bt = new Proxy(S, m);
var qt = new Proxy(k, m);
var Dt = new Proxy(W, m);
var Vt = new Proxy(j, m);
var $t = new Proxy(R, m);
var Ht = new Proxy(F, m);
var Jt = new Proxy(E, m);
var Gt = new Proxy(A, m);
var Kt = new Proxy(z, m);

// node_modules/wrangler/templates/middleware/middleware-ensure-req-body-drained.ts
var drainBody = /* @__PURE__ */ __name(async (request, env, _ctx, middlewareCtx) => {
  try {
    return await middlewareCtx.next(request, env);
  } finally {
    try {
      if (request.body !== null && !request.bodyUsed) {
        const reader = request.body.getReader();
        while (!(await reader.read()).done) {
        }
      }
    } catch (e) {
      console.error("Failed to drain the unused request body.", e);
    }
  }
}, "drainBody");
var middleware_ensure_req_body_drained_default = drainBody;

// node_modules/wrangler/templates/middleware/middleware-miniflare3-json-error.ts
function reduceError(e) {
  return {
    name: e?.name,
    message: e?.message ?? String(e),
    stack: e?.stack,
    cause: e?.cause === void 0 ? void 0 : reduceError(e.cause)
  };
}
__name(reduceError, "reduceError");
var jsonError = /* @__PURE__ */ __name(async (request, env, _ctx, middlewareCtx) => {
  try {
    return await middlewareCtx.next(request, env);
  } catch (e) {
    const error = reduceError(e);
    const body = JSON.stringify(error);
    const headers = {
      "Content-Type": "application/json",
      "MF-Experimental-Error-Stack": "true"
    };
    const encoded = encodeURIComponent(body);
    if (encoded.length <= 8192) {
      headers["MF-Experimental-Error-Stack-Payload"] = encoded;
    }
    return new Response(body, { status: 500, headers });
  }
}, "jsonError");
var middleware_miniflare3_json_error_default = jsonError;

// .wrangler/tmp/bundle-Rg6Fiz/middleware-insertion-facade.js
var __INTERNAL_WRANGLER_MIDDLEWARE__ = [
  middleware_ensure_req_body_drained_default,
  middleware_miniflare3_json_error_default
];
var middleware_insertion_facade_default = Nt;

// node_modules/wrangler/templates/middleware/common.ts
var __facade_middleware__ = [];
function __facade_register__(...args) {
  __facade_middleware__.push(...args.flat());
}
__name(__facade_register__, "__facade_register__");
function __facade_invokeChain__(request, env, ctx, dispatch, middlewareChain) {
  const [head, ...tail] = middlewareChain;
  const middlewareCtx = {
    dispatch,
    next(newRequest, newEnv) {
      return __facade_invokeChain__(newRequest, newEnv, ctx, dispatch, tail);
    }
  };
  return head(request, env, ctx, middlewareCtx);
}
__name(__facade_invokeChain__, "__facade_invokeChain__");
function __facade_invoke__(request, env, ctx, dispatch, finalMiddleware) {
  return __facade_invokeChain__(request, env, ctx, dispatch, [
    ...__facade_middleware__,
    finalMiddleware
  ]);
}
__name(__facade_invoke__, "__facade_invoke__");

// .wrangler/tmp/bundle-Rg6Fiz/middleware-loader.entry.ts
var __Facade_ScheduledController__ = class ___Facade_ScheduledController__ {
  constructor(scheduledTime, cron, noRetry) {
    this.scheduledTime = scheduledTime;
    this.cron = cron;
    this.#noRetry = noRetry;
  }
  scheduledTime;
  cron;
  static {
    __name(this, "__Facade_ScheduledController__");
  }
  #noRetry;
  noRetry() {
    if (!(this instanceof ___Facade_ScheduledController__)) {
      throw new TypeError("Illegal invocation");
    }
    this.#noRetry();
  }
};
function wrapExportedHandler(worker) {
  if (__INTERNAL_WRANGLER_MIDDLEWARE__ === void 0 || __INTERNAL_WRANGLER_MIDDLEWARE__.length === 0) {
    return worker;
  }
  for (const middleware of __INTERNAL_WRANGLER_MIDDLEWARE__) {
    __facade_register__(middleware);
  }
  const fetchDispatcher = /* @__PURE__ */ __name(function(request, env, ctx) {
    if (worker.fetch === void 0) {
      throw new Error("Handler does not export a fetch() function.");
    }
    return worker.fetch(request, env, ctx);
  }, "fetchDispatcher");
  return {
    ...worker,
    fetch(request, env, ctx) {
      const dispatcher = /* @__PURE__ */ __name(function(type, init) {
        if (type === "scheduled" && worker.scheduled !== void 0) {
          const controller = new __Facade_ScheduledController__(
            Date.now(),
            init.cron ?? "",
            () => {
            }
          );
          return worker.scheduled(controller, env, ctx);
        }
      }, "dispatcher");
      return __facade_invoke__(request, env, ctx, dispatcher, fetchDispatcher);
    }
  };
}
__name(wrapExportedHandler, "wrapExportedHandler");
function wrapWorkerEntrypoint(klass) {
  if (__INTERNAL_WRANGLER_MIDDLEWARE__ === void 0 || __INTERNAL_WRANGLER_MIDDLEWARE__.length === 0) {
    return klass;
  }
  for (const middleware of __INTERNAL_WRANGLER_MIDDLEWARE__) {
    __facade_register__(middleware);
  }
  return class extends klass {
    #fetchDispatcher = /* @__PURE__ */ __name((request, env, ctx) => {
      this.env = env;
      this.ctx = ctx;
      if (super.fetch === void 0) {
        throw new Error("Entrypoint class does not define a fetch() function.");
      }
      return super.fetch(request);
    }, "#fetchDispatcher");
    #dispatcher = /* @__PURE__ */ __name((type, init) => {
      if (type === "scheduled" && super.scheduled !== void 0) {
        const controller = new __Facade_ScheduledController__(
          Date.now(),
          init.cron ?? "",
          () => {
          }
        );
        return super.scheduled(controller);
      }
    }, "#dispatcher");
    fetch(request) {
      return __facade_invoke__(
        request,
        this.env,
        this.ctx,
        this.#dispatcher,
        this.#fetchDispatcher
      );
    }
  };
}
__name(wrapWorkerEntrypoint, "wrapWorkerEntrypoint");
var WRAPPED_ENTRY;
if (typeof middleware_insertion_facade_default === "object") {
  WRAPPED_ENTRY = wrapExportedHandler(middleware_insertion_facade_default);
} else if (typeof middleware_insertion_facade_default === "function") {
  WRAPPED_ENTRY = wrapWorkerEntrypoint(middleware_insertion_facade_default);
}
var middleware_loader_entry_default = WRAPPED_ENTRY;
export {
  Bt as AgentCoordinator,
  qt as AgentState,
  Dt as ContainerStartupOptions,
  Vt as IntoUnderlyingByteSource,
  $t as IntoUnderlyingSink,
  Ht as IntoUnderlyingSource,
  Jt as MinifyConfig,
  Gt as R2Range,
  Kt as ResourceLock,
  __INTERNAL_WRANGLER_MIDDLEWARE__,
  middleware_loader_entry_default as default
};
//# sourceMappingURL=index.js.map
